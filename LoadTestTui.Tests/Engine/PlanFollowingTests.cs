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
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        var quiet = new StageBehaviour { ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero };
        // Stage 1: 6 bots that do not chat; stage 2: down to 2 bots that chat fast (the bots' own 200-600 ms).
        var plan = new LoadPlan([new Stage(TimeSpan.Zero, 6, quiet), new Stage(TimeSpan.FromSeconds(3), 6, quiet), new Stage(TimeSpan.Zero, 2), new Stage(TimeSpan.FromSeconds(3), 2)]);

        engine.Start(plan);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 6, Patience, "the server holds stage 1's 6 users");
        var first = engine.SnapshotNow(); // the users may register before the first tick publishes
        Assert.AreEqual(1, first.PlanPoint!.Value.StageIndex);
        Assert.AreEqual(6, first.TargetBots);
        Assert.AreEqual(0L, server.Stats.Chats, "stage 1's behaviour turns chat off");

        await Wait.UntilAsync(() => engine.Latest.PlanPoint?.StageIndex == 3, Patience, "stage 2 began");
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 2, Patience, "the server holds stage 2's 2 users");
        await Wait.UntilAsync(() => server.Stats.Chats >= 4, Patience, "stage 2's bots chat");
        Assert.AreEqual(2, engine.Latest.TargetBots);

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
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        engine.TrackWindow(TimeSpan.FromSeconds(1));
        engine.Start(5);
        await Wait.UntilAsync(() => engine.Latest.ChatRtt.Count >= 20, Patience, "echoes measured");
        engine.SetChatPaused(true);
        await Task.Delay(1500); // let every chat in flight come back
        var mark = engine.Latest.Elapsed;
        await Task.Delay(1000);
        var quiet = engine.FiguresSince(mark);
        Assert.AreEqual(0L, quiet.ChatRtt.Count, "no chat in the paused window");
        Assert.AreEqual(0L, quiet.MessagesSent);
        Assert.IsGreaterThan(0L, quiet.PingsSent, "pings go on while chat is paused");
        Assert.AreEqual(1.0, quiet.OnlineRatio);
        Assert.IsGreaterThanOrEqualTo(0.9, quiet.Span.TotalSeconds);

        var whole = engine.FiguresSince(TimeSpan.Zero);
        var latest = engine.Latest;
        Assert.AreEqual(latest.ChatRtt.Count, whole.ChatRtt.Count, "the window from 0 is the whole run");
        Assert.AreEqual(latest.ChatRtt.P99Ms, whole.ChatRtt.P99Ms);
        Assert.AreEqual(latest.MessagesSent, whole.MessagesSent);
        Assert.AreEqual(0L, latest.Windows[TimeSpan.FromSeconds(1)].MessagesSent, "the tracked 1 s window sees the pause");
    }
}
