using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Capacity;

/// <summary>The search on a real engine against a server whose capacity is known.</summary>
[TestClass]
[DoNotParallelize] // judges echo p99 against an SLO in real time: other classes' load moves it
public sealed class CapacityRunnerTests
{
    private static CapacityOptions Options(int min, int max) => new()
    {
        MinBots = min,
        MaxBots = max,
        Resolution = 0.2,
        Settle = TimeSpan.FromMilliseconds(500),
        Measure = TimeSpan.FromSeconds(1.5),
        Slo = TestThresholds.DefaultSlo,
    };

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Run_ServerSlowsPastTen_FindsTenWithinTheResolution()
    {
        await using var server = new SlowingServer(knee: 10, slowDelay: TimeSpan.FromMilliseconds(800));
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        var runner = new CapacityRunner(engine, Options(5, 40));

        var answer = await runner.RunAsync(CancellationToken.None);

        var steps = runner.Status.Steps;
        var table = string.Join(", ", steps.Select(s => $"{s.Bots}:{(s.Passed ? "pass" : "fail " + s.FailureText)}"));
        Assert.AreEqual(10, answer.Holds, table);
        Assert.IsGreaterThan(10, answer.FailsAt!.Value, table);
        Assert.IsLessThanOrEqualTo(2, answer.FailsAt.Value - 10, table);
        StringAssert.Contains(answer.FailReason, "echo.p99", table);
        Assert.AreEqual("5,10,20,15,12", string.Join(",", steps.Select(s => s.Bots)), table);
        Assert.IsTrue(steps.All(s => s.Figures!.Run.ChatRtt.Count > 0), "every step measured echoes in its own window");
        Assert.IsTrue(steps.Where(s => s.Bots > 10).All(s => s.Figures!.Run.ChatRtt.MinMs >= 700), "a slow step's window holds only slow echoes: " + table);
        Assert.AreEqual(10, runner.Status.BestBots);
        Assert.AreEqual(RunState.Stopped, engine.Latest.State);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Run_ServerNeverSlows_ReportsTheUpperBoundReached()
    {
        await using var server = new SlowingServer(knee: int.MaxValue, slowDelay: TimeSpan.Zero);
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        var runner = new CapacityRunner(engine, Options(4, 12));

        var answer = await runner.RunAsync(CancellationToken.None);

        Assert.AreEqual("4,8,12", string.Join(",", runner.Status.Steps.Select(s => s.Bots)));
        Assert.AreEqual(12, answer.Holds);
        Assert.IsTrue(answer.UpperBoundReached);
        Assert.IsNull(answer.FailsAt);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Run_NothingListening_StopsEarly()
    {
        int port;
        await using (var probe = await TestServers.StartAsync())
            port = probe.Port;
        await using var engine = new BotEngine(TestServers.FastBots(port), TestServers.FastEngine);
        var runner = new CapacityRunner(engine, Options(4, 1000));

        var answer = await runner.RunAsync(CancellationToken.None);

        Assert.HasCount(1, runner.Status.Steps);
        Assert.IsNull(answer.Holds);
        StringAssert.Contains(answer.StoppedEarly, "no bot stayed online");
        StringAssert.Contains(answer.StoppedEarly, "connect_refused");
    }
}
