using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Plans;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cluster;

/// <summary>A controller following a load plan over real agents, and its windowed figures.</summary>
[TestClass]
[DoNotParallelize] // hundreds of bots on two agents with real-time windows: flaky when other classes load the CPU
public sealed class ClusterPlanTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TwoStagePlan_TwoAgents_ServerFollowsEachStagesBotsAndBehaviour()
    {
        await using var rig = await ClusterRig.StartAsync(2);
        var (server, agents, controller) = (rig.Server, rig.Agents, rig.Controller);
        var quiet = new StageBehaviour { ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero };
        // Stage 1: 40 bots that do not chat; stage 2: 80 bots chatting at the bots' own 200-600 ms.
        var plan = new LoadPlan([new Stage(TimeSpan.Zero, 40), new Stage(TimeSpan.FromSeconds(5), 40, quiet), new Stage(TimeSpan.Zero, 80), new Stage(TimeSpan.FromSeconds(3), 80)]);

        controller.Start(plan);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 40, Patience, "the server holds stage 1's 40 users");
        Assert.AreEqual(1, controller.Latest.PlanPoint?.StageIndex);
        Assert.AreSame(plan, controller.Latest.Plan);
        Assert.IsTrue(agents.Agents.All(a => a.LastRunSnapshot?.TargetBots == 20), "each agent runs half of stage 1");
        Assert.AreEqual(0L, server.Stats.Chats, "stage 1's behaviour reached every agent: no chat");

        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 80, Patience, "the server holds stage 2's 80 users");
        await Wait.UntilAsync(() => agents.Agents.All(a => a.LastRunSnapshot?.TargetBots == 40), Patience, "the stage command scaled each agent to 40");
        await Wait.UntilAsync(() => server.Stats.Chats >= 80, Patience, "stage 2's bots chat");
        Assert.AreEqual(3, controller.Latest.PlanPoint?.StageIndex);
        Assert.AreEqual(80, controller.Latest.TargetBots);

        await Wait.ForAsync(controller.RunCompletion, Patience, "the run ends with the plan");
        Assert.AreEqual(RunState.Stopped, controller.Latest.State);
        Assert.IsGreaterThanOrEqualTo(8.0, controller.Latest.Elapsed.TotalSeconds);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 0, Patience, "the agents' bots left the server");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TwoAgents_WindowedFigures_AreTheAgentsSums()
    {
        await using var rig = await ClusterRig.StartAsync(2);
        var (server, agents, controller) = (rig.Server, rig.Agents, rig.Controller);
        var minute = TimeSpan.FromMinutes(1);
        controller.TrackWindow(minute);
        controller.TrackWindow(TimeSpan.FromSeconds(1));

        controller.Start(40);
        await Wait.UntilAsync(() => controller.Latest.ChatRtt.Count >= 80, Patience, "echoes measured");
        controller.SetChatPaused(true);
        await Settled.ChatQuietAsync(() => controller.Latest, Patience);
        var mark = controller.Latest.Elapsed;
        var second = TimeSpan.FromSeconds(1);
        await Wait.UntilAsync(() => controller.Latest.Elapsed - mark >= second && controller.FiguresSince(mark).PingsSent > 0, Patience, "a second with pings in it");
        var quiet = controller.FiguresSince(mark);
        Assert.AreEqual(0L, quiet.MessagesSent, "no chat in the paused window");
        Assert.AreEqual(0L, quiet.ChatRtt.Count);
        Assert.IsGreaterThan(0L, quiet.PingsSent, "pings go on while chat is paused");
        Assert.AreEqual(1.0, quiet.OnlineRatio, "every bot online through the window");
        Assert.AreEqual(0L, controller.Latest.Windows[TimeSpan.FromSeconds(1)].MessagesSent, "the tracked 1 s window sees the pause");

        await Wait.ForAsync(controller.StopAsync(), Patience, "cluster stop");
        var final = controller.Latest;
        var parts = agents.Agents.Select(a => a.LastRunSnapshot!.Figures).ToList();
        foreach (var (name, merged) in new[] { ("whole run", final.Figures), ("1 min window", final.Windows[minute]), ("since 0", controller.FiguresSince(TimeSpan.Zero)) })
        {
            Assert.AreEqual(parts.Sum(p => p.MessagesSent), merged.MessagesSent, name);
            Assert.AreEqual(parts.Sum(p => p.MessagesReceived), merged.MessagesReceived, name);
            Assert.AreEqual(parts.Sum(p => p.PingsSent), merged.PingsSent, name);
            Assert.AreEqual(parts.Sum(p => p.Connects), merged.Connects, name);
            Assert.AreEqual(parts.Sum(p => p.Errors), merged.Errors, name);
            Assert.AreEqual(parts.Sum(p => p.DeliveryExpected), merged.DeliveryExpected, name);
            Assert.AreEqual(parts.Sum(p => p.DeliveryReceived), merged.DeliveryReceived, name);
            Assert.AreEqual(parts.Sum(p => p.ChatRtt.Count), merged.ChatRtt.Count, name);
            Assert.AreEqual(parts.Sum(p => p.PingRtt.Count), merged.PingRtt.Count, name);
            Assert.AreEqual(parts.Sum(p => p.Registration.Count), merged.Registration.Count, name);
            Assert.AreEqual(parts.Max(p => p.ChatRtt.MaxMs), merged.ChatRtt.MaxMs, name);
        }
        Assert.AreEqual(server.Stats.Chats, final.Figures.MessagesSent, "chats sent = chats the server received");

        // The timeline's rows are as complete as a local engine's (states, target, errors and latencies of each second).
        Assert.IsTrue(final.Timeline.Any(r => r is { States.Online: 40, Target: 40 } && r.Chat.Count > 0), "a row with every bot online and its echoes");
        Assert.IsTrue(final.Timeline.All(r => r.ErrorsThisSecond.Length == Core.Model.ErrorKinds.All.Count), "errors of each second by class");
        Assert.IsLessThanOrEqualTo(final.ChatRtt.Count, final.Timeline.Sum(r => r.Chat.Count), "each second's echoes, once");
    }
}
