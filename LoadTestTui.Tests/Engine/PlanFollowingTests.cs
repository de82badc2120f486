using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Plans;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

[TestClass]
public sealed class PlanFollowingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task TwoStagePlan_ServerUsersAndChatFollowThePlan()
    {
        await using var server = await TestServers.StartAsync();
        var clock = new SteppedClock();
        await using var engine = clock.Engine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        var quiet = new StageBehaviour { ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero };
        // Stage 1: 6 bots that do not chat; stage 2: down to 2 bots that chat fast (the bots' own 200-600 ms).
        var plan = new LoadPlan([new Stage(TimeSpan.Zero, 6, quiet), new Stage(TimeSpan.FromSeconds(3), 6, quiet), new Stage(TimeSpan.Zero, 2), new Stage(TimeSpan.FromSeconds(3), 2)]);

        engine.Start(plan);
        await clock.StepAsync(engine); // the ramp starts the first bot at once and the rest within a tick
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 6, Patience, "the server holds stage 1's 6 users");
        Assert.AreEqual(1, engine.Latest.PlanPoint!.Value.StageIndex);
        Assert.AreEqual(6, engine.Latest.TargetBots);
        // Engine time stands still in stage 1 while the bots live on: a second of pings, and not one chat.
        var pings = server.Stats.Pings;
        await Wait.UntilAsync(() => server.Stats.Pings >= pings + 12, Patience, "stage 1's bots ping (every 500 ms)");
        Assert.AreEqual(0L, server.Stats.Chats, "stage 1's behaviour turns chat off");

        await clock.AdvanceAsync(engine, TimeSpan.FromSeconds(3));
        Assert.AreEqual(3, engine.Latest.PlanPoint?.StageIndex, "stage 2 began after 3 s of engine time");
        Assert.AreEqual(2, engine.Latest.TargetBots);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 2, Patience, "the server holds stage 2's 2 users");
        await Wait.UntilAsync(() => server.Stats.Chats >= 4, Patience, "stage 2's bots chat");

        await clock.AdvanceAsync(engine, TimeSpan.FromSeconds(3));
        await Wait.ForAsync(engine.RunCompletion, Patience, "the run ends with the plan");
        Assert.AreEqual(RunState.Stopped, engine.Latest.State);
        Assert.IsGreaterThanOrEqualTo(6.0, engine.Latest.Elapsed.TotalSeconds);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 0, Patience, "the server has no users left");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task FiguresSince_CountOnlyTheWindowsSamples()
    {
        await using var server = await TestServers.StartAsync();
        var clock = new SteppedClock();
        await using var engine = clock.Engine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        var second = TimeSpan.FromSeconds(1);
        engine.TrackWindow(second);
        engine.Start(5);
        await clock.StepUntilAsync(engine, s => s.ChatRtt.Count >= 20, "echoes measured", Patience);
        engine.SetChatPaused(true);
        await clock.StepUntilAsync(engine, Settled.ChatQuiet(), "every chat in flight came back", Patience);
        var mark = engine.Latest.Elapsed;
        await clock.StepUntilAsync(engine, s => s.Elapsed - mark >= second && engine.FiguresSince(mark).PingsSent > 0, "a second of engine time with pings in it", Patience);
        var quiet = engine.FiguresSince(mark);
        Assert.AreEqual(0L, quiet.ChatRtt.Count, "no chat in the paused window");
        Assert.AreEqual(0L, quiet.MessagesSent);
        Assert.IsGreaterThan(0L, quiet.PingsSent, "pings go on while chat is paused");
        Assert.AreEqual(1.0, quiet.OnlineRatio);
        Assert.IsGreaterThanOrEqualTo(second.TotalSeconds, quiet.Span.TotalSeconds);

        var whole = engine.FiguresSince(TimeSpan.Zero);
        var latest = engine.Latest;
        Assert.AreEqual(latest.ChatRtt.Count, whole.ChatRtt.Count, "the window from 0 is the whole run");
        Assert.AreEqual(latest.ChatRtt.P99Ms, whole.ChatRtt.P99Ms);
        Assert.AreEqual(latest.MessagesSent, whole.MessagesSent);
        Assert.AreEqual(0L, latest.Windows[second].MessagesSent, "the tracked 1 s window sees the pause");
    }
}
