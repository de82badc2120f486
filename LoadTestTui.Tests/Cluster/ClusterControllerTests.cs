using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cluster;

[TestClass]
[DoNotParallelize] // hundreds of bots on two agents with real-time windows: flaky when other classes load the CPU
public sealed class ClusterControllerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    internal static ClusterOptions Options(string url, int agents, string? token = null) => new()
    {
        Nats = new NatsSettings { Url = url, Token = token },
        Agents = agents,
        AgentsTimeout = TimeSpan.FromSeconds(15),
        LossTimeout = TimeSpan.FromSeconds(5),
        ControllerTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Fast bots, but chatting slowly: 400 bots fanning out every chat to each other load two shared cores heavily.</summary>
    internal static Core.Bots.BotOptions Bots(int port) => TestServers.FastBots(port) with
    {
        ChatIntervalMin = TimeSpan.FromSeconds(3),
        ChatIntervalMax = TimeSpan.FromSeconds(6),
    };

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TwoAgents_HandshakeWindowAndReconnectPace_AreSharedLikeTheRamp()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        await using var agents = await InProcessAgents.StartAsync(nats.Url, 2);
        var engine = TestServers.FastEngine with { HandshakeWindowMax = 24, ReconnectsPerSecond = 100 };
        await using var controller = await ClusterController.ConnectAsync(Options(nats.Url, 2), Bots(server.Port) with { ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero }, engine);
        await controller.WaitForAgentsAsync();

        controller.Start(60, rampPerSecond: 100_000);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 60, Patience, "60 users on the server");
        foreach (var agent in agents.Agents)
        {
            Assert.AreEqual(12, agent.LastRunSnapshot?.PeakHandshakeWindow, "each of two agents gets half of a 24-handshake window");
            Assert.IsLessThanOrEqualTo(12, agent.LastRunSnapshot!.PeakHandshakesInFlight);
        }
        await Wait.ForAsync(controller.StopAsync(), Patience, "cluster stop");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task TwoAgents_FourHundredBots_MergedSnapshotIsTheAgentsSum()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        await using var agents = await InProcessAgents.StartAsync(nats.Url, 2);
        await using var controller = await ClusterController.ConnectAsync(Options(nats.Url, 2), Bots(server.Port), TestServers.FastEngine);
        await controller.WaitForAgentsAsync();

        controller.Start(400);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 400 && controller.Latest.States.Online == 400, Patience, "400 users on the server, 400 online in the merged snapshot");
        Assert.IsTrue(agents.Agents.All(a => a.LastRunSnapshot?.States.Online == 200), "each agent runs half");
        await Wait.UntilAsync(() => controller.Latest.ChatRtt.Count >= 400, Patience, "echoes measured");

        // One broadcast over a quiet run reaches every bot on both agents, across agents too.
        controller.SetChatPaused(true);
        await Settled.ChatQuietAsync(() => controller.Latest, Patience);
        var before = controller.SnapshotNow();
        var serverChats = server.Stats.Chats;
        Assert.AreEqual(400, await controller.BroadcastAsync("cluster broadcast"));
        await Wait.UntilAsync(() => server.Stats.Chats - serverChats == 400, Patience, "server received the broadcast from all 400 bots");
        await Wait.UntilAsync(() => controller.Latest.Delivery.Received - before.Delivery.Received == 400 * 399, Patience, "every bot received the 399 others");
        var after = controller.Latest;
        var owed = after.Delivery.Expected - before.Delivery.Expected;
        Assert.AreEqual(400L * 399, owed, "expected counts use the whole cluster's online bots");
        Assert.IsGreaterThan(before.Delivery.Remote, after.Delivery.Remote, "cross-agent deliveries are counted");

        controller.ScaleTo(300);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 300, Patience, "scaled down to 300 on the server");
        await Wait.UntilAsync(() => agents.Agents.All(a => a.LastRunSnapshot?.TargetBots == 150), Patience, "both agents scaled to 150");

        await Wait.ForAsync(controller.StopAsync(), Patience, "cluster stop");
        var final = controller.Latest;
        var parts = agents.Agents.Select(a => a.LastRunSnapshot!).ToList();
        Assert.AreEqual(RunState.Stopped, final.State);
        Assert.IsTrue(parts.All(p => p.State == RunState.Stopped), "stop reached every agent");
        Assert.AreEqual(0, server.Stats.UsersRegistered);
        var expectedChats = server.Stats.Chats;
        Assert.AreEqual(expectedChats, final.MessagesSent, "chats sent = chats the server received");
        Assert.AreEqual(parts.Sum(p => p.MessagesSent), final.MessagesSent);
        Assert.AreEqual(parts.Sum(p => p.MessagesReceived), final.MessagesReceived);
        Assert.AreEqual(parts.Sum(p => p.BytesSent), final.BytesSent);
        Assert.AreEqual(parts.Sum(p => p.Connects), final.Connects);
        Assert.AreEqual(parts.Sum(p => p.GoodbyesSent), final.GoodbyesSent);
        Assert.AreEqual((parts.Sum(p => p.Delivery.Expected), parts.Sum(p => p.Delivery.Received)), (final.Delivery.Expected, final.Delivery.Received), "delivery counts are sums");
        Assert.AreEqual(parts.Sum(p => p.States.Stopped), final.States.Stopped);
        Assert.AreEqual(400, final.Bots.Length, "final reports carry every bot row (in 64-row parts)");
        Assert.AreEqual(400, final.Bots.Select(b => b.Name).Distinct().Count(), "bot names are unique across agents");

        // Histograms are added, not averaged: counts add up and the extremes are the agents' extremes.
        Assert.AreEqual(parts.Sum(p => p.ChatRtt.Count), final.ChatRtt.Count);
        Assert.AreEqual(parts.Sum(p => p.PingRtt.Count), final.PingRtt.Count);
        Assert.AreEqual(parts.Sum(p => p.Delivery.FanOut.Count), final.Delivery.FanOut.Count);
        Assert.AreEqual(parts.Max(p => p.ChatRtt.MaxMs), final.ChatRtt.MaxMs);
        Assert.AreEqual(parts.Min(p => p.ChatRtt.MinMs), final.ChatRtt.MinMs);
        Assert.IsFalse(string.IsNullOrEmpty(final.Histograms.ChatRtt), "the merged histogram reaches the exports");
    }
}
