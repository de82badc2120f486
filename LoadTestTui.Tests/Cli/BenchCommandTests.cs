using System.Text.RegularExpressions;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>The bench's phases end to end: the real app, its reference server as a grandchild process.</summary>
[TestClass]
[DoNotParallelize] // runs the bench, a measurement: other classes' load skews it
public sealed class BenchCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Bench_StormPhaseAlone_ReportsOnlineLatencyMemoryAndErrors()
    {
        using var app = AppProcess.Start("bench", "--phase", "storm", "--storm-bots", "40", "--storm-ramps", "1000", "--storm-limit", "30");

        var online = await app.WaitForLineAsync(new Regex(@"^\[storm 1000/s\] all 40 online after [\d.]+ s; online (\d+)"), Limit);
        Assert.AreEqual("40", online.Groups[1].Value, "still all online after settling");
        await app.WaitForLineAsync(new Regex(@"^\[storm 1000/s\] decay: online fell at most 0 below its running peak \(none\)"), Limit);
        await app.WaitForLineAsync(new Regex(@"^\[storm 1000/s\] peak resident \d+ MB: [\d.]+ KB per bot started \(40\)"), Limit);
        await app.WaitForLineAsync(new Regex(@"^\[storm 1000/s\] registration latency \(40 registrations\): p50 \d+ ms"), Limit);
        await app.WaitForLineAsync(new Regex(@"^\[storm 1000/s\] errors: 0$"), Limit);
        Assert.AreEqual(0, await app.WaitForExitAsync(Limit));
        var output = await app.RemainingOutputAsync(TimeSpan.FromSeconds(5));
        Assert.IsFalse(output.Any(l => l.StartsWith("[hold]", StringComparison.Ordinal) || l.StartsWith("[chat]", StringComparison.Ordinal)), "only the storm ran");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Bench_RttPhaseAlone_ReportsEchoPingTheBotsOwnShareAndTheMachineFloor()
    {
        using var app = AppProcess.Start("bench", "--phase", "rtt", "--rtt-seconds", "1");

        var bot = await app.WaitForLineAsync(new Regex(@"^\[rtt\] echo p50 (\d+) us, .*\((\d+) echoes\); ping p50 (\d+) us, .*errors 0$"), Limit);
        Assert.IsGreaterThan(0, int.Parse(bot.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), "echoes measured");
        var alone = await app.WaitForLineAsync(new Regex(@"^\[rtt\] the bot against a minimal blocking server \(one thread answers each frame at once\): echo p50 (\d+) us, .*\((\d+) echoes\); ping p50 (\d+) us, .*\((\d+) pongs\); errors 0$"), Limit);
        Assert.IsGreaterThan(0, int.Parse(alone.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), "echoes from the minimal server");
        Assert.IsGreaterThan(0, int.Parse(alone.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture), "pongs from the minimal server");
        var floor = await app.WaitForLineAsync(new Regex(@"^\[rtt\] machine floor, blocking loopback ping-pong between two threads every 50 ms: p50 (\d+) us, p90 \d+ us, p99 \d+ us \((\d+) round trips\)$"), Limit);
        Assert.AreEqual("20", floor.Groups[2].Value, "1 s of the bot's pace, at least 20 round trips");
        Assert.IsGreaterThan(0, int.Parse(floor.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "a round trip takes time");
        Assert.AreEqual(0, await app.WaitForExitAsync(Limit));
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Bench_DashboardPhaseAlone_ReportsTheUiThreadsCpuAtEachCount()
    {
        using var app = AppProcess.Start("bench", "--phase", "dashboard", "--dashboard-bots", "20,40", "--dashboard-seconds", "1");

        await app.WaitForLineAsync(new Regex(@"^\[dashboard\] the dashboard window at 160x48, 4 Hz, drawing into memory; its UI thread's CPU from /proc over 1 s, with idle bots$"), Limit);
        foreach (var count in new[] { 20, 40 })
        {
            var line = await app.WaitForLineAsync(new Regex($@"^\[dashboard\] {count}/{count} idle bots: UI thread ([\d.]+) % of a core \((\d+) ticks, ([\d.]+) ms per tick\); whole bot process [\d.]+ %$"), Limit);
            Assert.IsLessThan(100.0, double.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "one thread's share of a core");
            Assert.IsGreaterThan(0, int.Parse(line.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), "the dashboard ticked while measured");
        }
        Assert.AreEqual(0, await app.WaitForExitAsync(Limit));
    }

    [TestMethod]
    public async Task Bench_DashboardBadCount_UsageErrorNamingIt()
    {
        using var app = AppProcess.Start("bench", "--phase", "dashboard", "--dashboard-bots", "500,lots");
        Assert.AreEqual(2, await app.WaitForExitAsync(Limit));
        Assert.IsTrue(app.ErrorLines.Any(l => l == "error: --dashboard-bots 'lots' must be a bot count from 1 to 1,000,000."), string.Join(Environment.NewLine, app.ErrorLines));
    }

    [TestMethod]
    public async Task Bench_UnknownPhase_UsageErrorNamingIt()
    {
        using var app = AppProcess.Start("bench", "--phase", "storm,nope");
        Assert.AreEqual(2, await app.WaitForExitAsync(Limit));
        Assert.IsTrue(app.ErrorLines.Any(l => l.Contains("--phase 'nope' is not a phase; use hold, chat, ingest, steady, rtt, storm, dashboard or all", StringComparison.Ordinal)), string.Join(Environment.NewLine, app.ErrorLines));
    }
}
