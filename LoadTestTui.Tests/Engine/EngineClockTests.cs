using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

/// <summary>The engine's schedule (ramp, duration, elapsed time) follows its clock, not the wall: a fake clock stands still until stepped.</summary>
[TestClass]
public sealed class EngineClockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Ramp_FakeClock_StartsBotsAtTheRateOfEngineTime()
    {
        await using var server = await TestServers.StartAsync();
        var clock = new SteppedClock();
        await using var engine = clock.Engine(TestServers.FastBots(server.Port), TestServers.FastEngine with { RampPerSecond = 10 });

        engine.Start(20);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 1, Patience, "the ramp's first bot on the server"); // no tick publishes until the clock moves
        Assert.AreEqual(1, engine.SnapshotNow().TotalBots, "one bot at once, however long the wall clock runs");

        await clock.StepAsync(engine); // 0.1 s at 10 bots a second
        Assert.AreEqual(2, engine.Latest.TotalBots);
        await clock.AdvanceAsync(engine, TimeSpan.FromSeconds(0.9));
        Assert.AreEqual(11, engine.Latest.TotalBots, "one at once, then one every 0.1 s of engine time");
        Assert.AreEqual(TimeSpan.FromSeconds(1), engine.Latest.Elapsed);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Duration_FakeClock_RunEndsWhenEngineTimeReachesIt()
    {
        await using var server = await TestServers.StartAsync();
        var clock = new SteppedClock();
        await using var engine = clock.Engine(TestServers.FastBots(server.Port), TestServers.FastEngine);

        engine.Start(3, TimeSpan.FromSeconds(5));
        await clock.StepAsync(engine);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 3, Patience, "3 users on the server");
        await clock.AdvanceAsync(engine, TimeSpan.FromSeconds(4.8));
        Assert.AreEqual(RunState.Running, engine.Latest.State, "4.9 s of engine time: still running");
        Assert.IsFalse(engine.RunCompletion.IsCompleted);

        await clock.StepAsync(engine);
        await Wait.ForAsync(engine.RunCompletion, Patience, "the run ends at its duration");
        Assert.AreEqual(RunState.Stopped, engine.Latest.State);
        Assert.AreEqual(TimeSpan.FromSeconds(5), engine.Latest.Elapsed, "the end is stamped on the engine's clock");
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 0, Patience, "the bots said goodbye");
    }
}
