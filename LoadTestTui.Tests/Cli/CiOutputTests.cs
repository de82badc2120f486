using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary><c>--junit</c> and <c>--summary-md</c> of run and capacity, and <c>report --junit/--markdown</c>, as child processes against the reference server.</summary>
[TestClass]
public sealed class CiOutputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Run_OnePassingOneFailingThreshold_JunitAndMarkdown_AndTheSameFromReport()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        var junit = Path.Combine(dir.Path, "ci", "junit.xml");
        var markdown = Path.Combine(dir.Path, "ci", "summary.md");
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "4", "--duration", "2",
            "--chat-interval", "0.2-0.4", "--status-interval", "0", "--output", json, "--html", Path.Combine(dir.Path, "report.html"),
            "--log", Path.Combine(dir.Path, "run.log"), "--threshold", "echo.p99 < 1us", "--threshold", "delivery.lost == 0",
            "--junit", junit, "--summary-md", markdown);

        Assert.AreEqual(3, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, $"JUnit XML written to {junit}");
        StringAssert.Contains(output, $"Markdown summary written to {markdown}");
        AssertJunit(junit);
        var md = await File.ReadAllTextAsync(markdown);
        StringAssert.Contains(md, "| Figure | Value |");
        StringAssert.Matches(md, new Regex(@"\| Messages sent \| [1-9][0-9,]* \(avg [0-9.,]+/s, peak [0-9.,]+/s\) \|"));
        StringAssert.Matches(md, new Regex(@"- ❌ FAIL `echo\.p99 < 1us`: measured [0-9.]+ m?s, limit < 0\.001 ms"));
        StringAssert.Contains(md, "- ✅ PASS `delivery.lost == 0`: measured 0, limit == 0");
        StringAssert.Contains(md, "[HTML report](../report.html)");

        var junit2 = Path.Combine(dir.Path, "from-report.xml");
        var markdown2 = Path.Combine(dir.Path, "from-report.md");
        using var report = AppProcess.Start("report", json, "--junit", junit2, "--markdown", markdown2);
        Assert.AreEqual(0, await report.WaitForExitAsync(Patience), string.Join(" | ", report.ErrorLines));
        AssertJunit(junit2);
        Assert.AreEqual(File.ReadAllText(markdown).Replace("[HTML report](../report.html)", "", StringComparison.Ordinal).TrimEnd(), File.ReadAllText(markdown2).TrimEnd(),
            "the same summary from the file (no link: no HTML was asked for)");
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "results.html")), "only --junit and --markdown: no HTML");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Report_UnwritableOrUnreadable_OneLineError_NoStackTrace()
    {
        using var dir = new TempDirectory();
        var blocker = Path.Combine(dir.Path, "file");
        await File.WriteAllTextAsync(blocker, "");
        var json = Path.Combine(dir.Path, "results.json");
        await File.WriteAllTextAsync(json, "this is no results file");

        using var unreadable = AppProcess.Start("report", json, "--junit", Path.Combine(dir.Path, "out.xml"));
        Assert.AreEqual(2, await unreadable.WaitForExitAsync(Patience));
        var error = Assert.ContainsSingle(unreadable.ErrorLines);
        StringAssert.StartsWith(error, "error: '");
        StringAssert.Contains(error, "is not JSON");

        // An older or partial file is read with what it has, as the HTML report reads it.
        var partial = Path.Combine(dir.Path, "partial.json");
        await File.WriteAllTextAsync(partial, """{ "elapsed_time": 1, "messages_sent": 0, "latency": {} }""");
        using var older = AppProcess.Start("report", partial, "--junit", Path.Combine(dir.Path, "partial.xml"));
        Assert.AreEqual(0, await older.WaitForExitAsync(Patience), string.Join(" | ", older.ErrorLines));
        Assert.AreEqual("0", System.Xml.Linq.XDocument.Load(Path.Combine(dir.Path, "partial.xml")).Root!.Attribute("tests")!.Value);

        await ShortRunAsync(dir);
        using var unwritable = AppProcess.Start("report", Path.Combine(dir.Path, "good.json"), "--junit", Path.Combine(blocker, "out.xml"));
        Assert.AreEqual(1, await unwritable.WaitForExitAsync(Patience));
        StringAssert.StartsWith(Assert.ContainsSingle(unwritable.ErrorLines), $"error: cannot write '{Path.Combine(blocker, "out.xml")}'");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Capacity_NoCountHolds_JunitVerdictFails_ExitsThree()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var junit = Path.Combine(dir.Path, "capacity.xml");
        var markdown = Path.Combine(dir.Path, "capacity.md");
        using var app = AppProcess.Start("capacity", "--host", "127.0.0.1", "--port", $"{server.Port}", "--min-bots", "2", "--max-bots", "4",
            "--settle", "500ms", "--measure", "1s", "--chat-interval", "0.1-0.2", "--threshold", "echo.p50 < 1us",
            "--log", Path.Combine(dir.Path, "capacity.log"), "--junit", junit, "--summary-md", markdown);

        Assert.AreEqual(3, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.AreEqual("1", (string?)suite.Attribute("failures"));
        var verdict = suite.Elements("testcase").Single();
        Assert.AreEqual("loadtest.capacity", (string?)verdict.Attribute("classname"));
        Assert.AreEqual("capacity within SLO: echo.p50 < 1us", (string?)verdict.Attribute("name"));
        Assert.IsFalse(string.IsNullOrEmpty((string?)verdict.Element("failure")!.Attribute("message")));
        var md = await File.ReadAllTextAsync(markdown);
        StringAssert.Contains(md, "**Capacity:** ");
        StringAssert.Contains(md, "| 1 | 2 | ");
    }

    /// <summary>A real one-second run's results at good.json.</summary>
    private static async Task ShortRunAsync(TempDirectory dir)
    {
        var server = await TestServers.StartAsync();
        try
        {
            using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "1", "--duration", "1",
                "--status-interval", "0", "--output", Path.Combine(dir.Path, "good.json"), "--log", Path.Combine(dir.Path, "run.log"));
            Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The JUnit schema's required elements and attributes; the failing threshold carries its measured value, the passing one has no failure.</summary>
    private static void AssertJunit(string path)
    {
        var root = XDocument.Load(path).Root!;
        Assert.AreEqual("testsuites", root.Name.LocalName);
        var suite = root.Elements("testsuite").Single();
        foreach (var attribute in new[] { "name", "tests", "failures", "errors", "skipped", "time", "timestamp" })
            Assert.IsNotNull(suite.Attribute(attribute), $"testsuite@{attribute}");
        Assert.AreEqual("2", (string?)suite.Attribute("tests"));
        Assert.AreEqual("1", (string?)suite.Attribute("failures"));
        Assert.AreEqual("0", (string?)suite.Attribute("errors"));
        Assert.IsTrue(DateTime.TryParseExact((string?)suite.Attribute("timestamp"), "yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out _), "timestamp as JUnit's xs:dateTime without offset");
        var cases = suite.Elements("testcase").ToList();
        Assert.IsTrue(cases.All(c => c.Attribute("name") is not null && (string?)c.Attribute("classname") == "loadtest.thresholds"));
        var failing = cases.Single(c => (string?)c.Attribute("name") == "echo.p99 < 1us");
        StringAssert.Matches((string?)failing.Element("failure")!.Attribute("message"), new Regex(@"^measured [0-9.]+ m?s, limit < 0\.001 ms$"));
        var passing = cases.Single(c => (string?)c.Attribute("name") == "delivery.lost == 0");
        Assert.IsNull(passing.Element("failure"));
        Assert.IsNull(passing.Element("error"));
    }
}
