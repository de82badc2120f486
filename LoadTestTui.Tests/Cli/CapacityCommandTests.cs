using System.Text.Json;
using LoadTestTui.Core.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>`loadtest capacity` as a child process against a server of known capacity.</summary>
[TestClass]
[DoNotParallelize] // runs load through child processes (loadtest, agents, NATS) whose registration, SIGTERM and threshold timings fail when other classes load the CPU
public sealed class CapacityCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static AppProcess Start(int port, TempDirectory dir, int min, int max) => AppProcess.Start(
        "capacity", "--host", "127.0.0.1", "--port", $"{port}", "--min-bots", $"{min}", "--max-bots", $"{max}", "--resolution", "20%",
        "--settle", "500ms", "--measure", "1.5s", "--chat-interval", "0.2-0.4", "--log", Path.Combine(dir.Path, "capacity.log"),
        "--output", Path.Combine(dir.Path, "capacity.json"), "--csv", Path.Combine(dir.Path, "capacity.csv"), "--html", Path.Combine(dir.Path, "capacity.html"));

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Capacity_ServerSlowsPastSix_AnswersSix_WritesTableJsonAndCsv()
    {
        await using var server = new SlowingServer(knee: 6, slowDelay: TimeSpan.FromMilliseconds(800));
        using var dir = new TempDirectory();
        using var app = Start(server.Port, dir, 3, 20);

        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Capacity: holds 6 bots; fails at 7: echo.p99");
        StringAssert.Contains(output, "echo.p99");
        StringAssert.Contains(output, "FAIL: echo.p99");

        var csv = await File.ReadAllLinesAsync(Path.Combine(dir.Path, "capacity.csv"));
        Assert.AreEqual("step,bots,online,from_s,to_s,echo.p99,errors.rate,delivery.lost,online.ratio,server_cpu_max,server_memory_max_mb,verdict,failures", csv[0]);
        Assert.AreEqual("3,6,12,9,7", string.Join(",", csv.Skip(1).Select(l => l.Split(',')[1])));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "capacity.json")));
        var capacity = json.RootElement.GetProperty("capacity");
        Assert.AreEqual(6, capacity.GetProperty("holds_bots").GetInt32());
        Assert.AreEqual(7, capacity.GetProperty("fails_at_bots").GetInt32());
        Assert.AreEqual(5, capacity.GetProperty("steps").GetArrayLength());
        Assert.IsFalse(capacity.GetProperty("steps")[2].GetProperty("passed").GetBoolean());
        Assert.IsGreaterThan(500.0, capacity.GetProperty("steps")[2].GetProperty("figures").GetProperty("echo.p99").GetDouble());

        // The report draws each SLO figure against bots, with its limit and the answer marked.
        var document = RunDocument.Load(Path.Combine(dir.Path, "capacity.json"), out var error) ?? throw new AssertFailedException(error!);
        var charts = RunReportModel.Build(document).Sections.Single(s => s.Id == "capacity").Charts;
        Assert.HasCount(4, charts, "one chart per SLO figure");
        var echo = charts.Single(c => c.Title.Contains("echo.p99", StringComparison.Ordinal));
        Assert.AreEqual(500.0, echo.Lines.Single().Y, "the SLO line, in the figure's unit (ms)");
        CollectionAssert.Contains(echo.Markers.Select(m => m.X).ToList(), 6.0, "the answer is marked");
        Assert.AreEqual(capacity.GetProperty("steps")[2].GetProperty("figures").GetProperty("echo.p99").GetDouble(), echo.Series.Single().Values[2]);
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(dir.Path, "capacity.html")), "Capacity steps: echo.p99 against bots");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Capacity_FailsAtTheMinimum_ExitsThree()
    {
        await using var server = new SlowingServer(knee: 1, slowDelay: TimeSpan.FromMilliseconds(800));
        using var dir = new TempDirectory();
        using var app = Start(server.Port, dir, 3, 20);

        Assert.AreEqual(3, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Capacity: holds no tested count; fails at 3: echo.p99");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Capacity_BadArguments_ExitsTwo_ListingEveryProblem()
    {
        using var app = AppProcess.Start("capacity", "--resolution", "lots", "--settle", "soon", "--threshold", "echo.p99 < 1s over 10s", "--threshold", "echo.p99 < 5%");
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        var error = string.Join("\n", app.ErrorLines);
        StringAssert.Contains(error, "--max-bots is required");
        StringAssert.Contains(error, "--resolution 'lots'");
        StringAssert.Contains(error, "--settle 'soon'");
        StringAssert.Contains(error, "'%' does not fit echo.p99");
        Assert.DoesNotContain("   at ", error, "no stack trace");
    }
}
