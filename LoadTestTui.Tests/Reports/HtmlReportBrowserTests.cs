using System.Text.Json.Nodes;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Reports;

/// <summary>
/// Reports built from real short runs on loopback, opened in a real headless Chromium: no
/// console error, no request leaving the file, every chart drawn. Screenshots are kept.
/// </summary>
[TestClass]
[DoNotParallelize] // headless Chromium takes the CPU other classes' timings need
public sealed class HtmlReportBrowserTests
{
    // For each chart: is there a canvas, how many of its pixels have one of the chart's series colours, does its data hold a number.
    private const string ChartCheck = """
        (() => {
          const specs = JSON.parse(document.getElementById('report-data').textContent);
          const rgb = h => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16));
          return specs.map(s => {
            const canvas = document.querySelector('#chart-' + s.id + ' canvas');
            if (!canvas) return { id: s.id, canvas: false, coloured: 0, data: false };
            const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            const colours = s.series.map(x => rgb(x.color));
            let coloured = 0;
            for (let i = 0; i < px.length; i += 4) {
              if (px[i + 3] === 0) continue;
              if (colours.some(c => Math.abs(c[0] - px[i]) + Math.abs(c[1] - px[i + 1]) + Math.abs(c[2] - px[i + 2]) < 30)) coloured++;
            }
            const data = s.series.some(x => x.values.some(v => typeof v === 'number'));
            return { id: s.id, canvas: true, coloured, data };
          });
        })()
        """;

    private static TempDirectory _dir = null!;
    private static string _runJson = null!;
    private static string _otherJson = null!;
    private static HeadlessChromium _chromium = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task RunTwice(TestContext _)
    {
        _dir = new TempDirectory();
        await using var server = await TestServers.StartAsync();
        var options = TestServers.FastBots(server.Port);
        // The server runs in this process: monitoring this process gives the report its server charts.
        await using var sampler = new MonitorSampler(new MonitorOptions
        {
            Target = new MonitorTarget(null, Environment.ProcessId, null),
            LoadTestPort = server.Port,
            Interval = TimeSpan.FromMilliseconds(250),
        });
        using var recorder = new MonitorRecorder(sampler);
        sampler.Start();
        // Two runs at once against one server: a base and a "new" one for the comparison.
        var runs = await Task.WhenAll(RunAsync(options, 5), RunAsync(options, 8));
        _runJson = Path.Combine(_dir.Path, "base.json");
        _otherJson = Path.Combine(_dir.Path, "new.json");
        var artifacts = new RunArtifacts(options, recorder);
        var results = await artifacts.WriteBesideAsync(_runJson, runs[0]);
        Assert.IsTrue(results.All(r => r.Success), string.Join("; ", results));
        Assert.IsTrue((await artifacts.WriteJsonAsync(_otherJson, runs[1])).Success);
        // Started after the runs, so its start-up does not slow the bots.
        _chromium = await HeadlessChromium.StartAsync();
    }

    private static async Task<EngineSnapshot> RunAsync(Core.Bots.BotOptions options, int bots)
    {
        await using var engine = new BotEngine(options, TestServers.FastEngine);
        engine.Start(bots, TimeSpan.FromSeconds(3));
        await Wait.ForAsync(engine.RunCompletion, TimeSpan.FromSeconds(20), "run ends");
        await engine.DisposeAsync();
        return engine.Latest;
    }

    [ClassCleanup]
    public static async Task Cleanup()
    {
        if (_chromium is not null)
            await _chromium.DisposeAsync();
        _dir?.Dispose();
    }

    [TestMethod]
    public async Task RunReport_OpenedInChromium_EveryChartDrawnNoErrorsNoRequests()
    {
        // The dashboard's export wrote NAME.html beside the JSON.
        var html = Path.ChangeExtension(_runJson, ".html");
        Assert.IsTrue(File.Exists(html), "the export wrote base.html beside base.json");
        var model = RunReportModel.Build(RunDocument.Load(_runJson, out var error) ?? throw new AssertFailedException(error!));
        await CheckInBrowserAsync(html, "run-report", model, ["bots-online", "messages", "bytes", "errors", "server-cpu", "server-threads"], alsoDark: true);
    }

    [TestMethod]
    public async Task ComparisonReport_OpenedInChromium_EveryChartDrawnNoErrorsNoRequests()
    {
        var a = RunDocument.Load(_runJson, out var error) ?? throw new AssertFailedException(error!);
        var b = RunDocument.Load(_otherJson, out error) ?? throw new AssertFailedException(error!);
        var path = Path.Combine(_dir.Path, "compare.html");
        var model = ComparisonReportModel.Build(RunComparison.Compare(a, b));
        var written = await HtmlReportWriter.WriteAsync(path, model);
        Assert.IsTrue(written.Success, written.Error);
        await CheckInBrowserAsync(path, "comparison-report", model, ["bots-online", "throughput-messages-received", "errors", "server-cpu", "server-rss"]);
    }

    [TestMethod]
    public async Task HostileReport_OpenedInChromium_NamesShownAsTextNothingRuns()
    {
        var path = Path.Combine(_dir.Path, "hostile.html");
        Assert.IsTrue((await RunReportFile.WriteAsync(Fixtures.Path("hostile.json"), path)).Success);
        var page = await _chromium.OpenAsync(new Uri(path).AbsoluteUri);
        await Wait.UntilAsync(() => page.EvaluateAsync("document.body.getAttribute('data-charts-drawn')").Result is not null,
            TimeSpan.FromSeconds(15), "the report script to draw its charts");
        Assert.HasCount(0, page.Problems(), string.Join("\n", page.Problems()));
        Assert.IsFalse(page.Events().Any(e => (string?)e["method"] == "Page.javascriptDialogOpening"), "no alert() ran");
        Assert.AreEqual(3, (await page.EvaluateAsync("document.scripts.length"))!.GetValue<int>());
        Assert.AreEqual(0, (await page.EvaluateAsync("document.querySelectorAll('img, svg:not(.u-over svg), b').length"))!.GetValue<int>());
        var text = (await page.EvaluateAsync("document.body.innerText"))!.GetValue<string>();
        StringAssert.Contains(text, "</script><script>alert(\"pwned\")</script><!--<img src=x onerror=alert(1)>");
    }

    /// <param name="alsoDark">Also open it with prefers-color-scheme: dark (the run report; the comparison shares its style and script).</param>
    /// <param name="always">Charts a real run always has (others depend on what the run recorded, e.g. a second with echoes).</param>
    private async Task CheckInBrowserAsync(string path, string name, ReportModel model, string[] always, bool alsoDark = false)
    {
        var url = new Uri(path).AbsoluteUri;
        foreach (var dark in alsoDark ? new[] { false, true } : [false])
        {
            var page = await _chromium.OpenAsync(url, dark);
            await Wait.UntilAsync(() => page.EvaluateAsync("document.body.getAttribute('data-charts-drawn')").Result is not null,
                TimeSpan.FromSeconds(15), "the report script to draw its charts");
            var charts = (await page.EvaluateAsync(ChartCheck))!.AsArray();
            var shot = Path.Combine(string.IsNullOrEmpty(TestContext.TestResultsDirectory) ? _dir.Path : TestContext.TestResultsDirectory, $"{name}{(dark ? "-dark" : "")}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(shot);
            TestContext.AddResultFile(shot);

            Assert.HasCount(0, page.Problems(), string.Join("\n", page.Problems()));
            var leaving = page.Requests().Where(r => r != url && !r.StartsWith("data:", StringComparison.Ordinal)).ToList();
            Assert.HasCount(0, leaving, "requests leaving the file: " + string.Join(", ", leaving));
            Assert.AreEqual(charts.Count, (await page.EvaluateAsync("document.querySelectorAll('.plot').length"))!.GetValue<int>(), "every chart placeholder has its data");
            var drawn = charts.Select(c => (string)c!["id"]!).ToList();
            CollectionAssert.AreEqual(model.Sections.SelectMany(s => s.Charts).Select(c => c.Id).ToList(), drawn, "the page has every chart of the model");
            CollectionAssert.IsSubsetOf(always, drawn);
            foreach (var chart in charts.OfType<JsonObject>())
            {
                Assert.IsTrue(chart["canvas"]!.GetValue<bool>(), $"chart {chart["id"]} has no canvas");
                Assert.IsTrue(chart["data"]!.GetValue<bool>(), $"chart {chart["id"]} has no data");
                Assert.IsGreaterThan(0, chart["coloured"]!.GetValue<int>(), $"chart {chart["id"]} drew no series: {chart.ToJsonString()}");
            }
        }
    }
}
