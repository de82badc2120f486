using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Loops;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

/// <summary>
/// The engine on the portable loops (what runs where there is no epoll, or with
/// LOADTEST_IO=portable), against the real reference server: the whole life of a run.
/// </summary>
[TestClass]
public sealed class PortableLoopEngineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task FiftyBots_OnPortableLoops_OnlineChatPingBroadcastGoodbyeNothingLost()
    {
        using var loops = new EventLoops(LoopBackend.Portable, 2);
        await using var server = await TestServers.StartAsync();
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine with { Loops = loops });

        engine.Start(50);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 50, Patience, "50 bots online");
        await Wait.UntilAsync(() => engine.Latest is { ChatRtt.Count: >= 100, PingRtt.Count: >= 50 }, Patience, "echoes and pongs measured");

        engine.SetChatPaused(true);
        await Settled.ChatQuietAsync(() => engine.Latest, Patience);
        var before = engine.Latest;
        Assert.AreEqual(50, engine.Broadcast("portable broadcast"));
        await Wait.UntilAsync(() => engine.Latest.Delivery.Received - before.Delivery.Received == 50 * 49, Patience, "2,450 fan-out deliveries");

        await Wait.ForAsync(engine.StopAsync(), Patience, "graceful stop");
        var stopped = engine.Latest;
        Assert.AreEqual(50, stopped.States.Stopped);
        Assert.AreEqual(50L, stopped.GoodbyesAcknowledged, "server answered every CHAT_EXIT");
        Assert.AreEqual(0L, stopped.Delivery.Lost + stopped.Delivery.Duplicated + stopped.Delivery.OutOfOrder);
        Assert.AreEqual(0L, stopped.ErrorCount, string.Join(", ", stopped.Errors.Where(e => e.Value > 0)));
        Assert.AreEqual(0L, loops.All.Sum(l => l.Faults));
        Assert.IsGreaterThan(0L, loops.Figures.Reads);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ServerGoneMidRun_PortableBotsCountTheLossAndReconnect()
    {
        using var loops = new EventLoops(LoopBackend.Portable, 2);
        var server = await TestServers.StartAsync();
        var port = server.Port;
        await using var engine = new BotEngine(TestServers.FastBots(port), TestServers.FastEngine with { Loops = loops });
        engine.Start(10);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 10, Patience, "10 bots online");

        await server.DisposeAsync();
        await Wait.UntilAsync(() => engine.Latest.States.Online == 0, Patience, "bots notice the server went away");
        await using var restarted = await TestServers.StartOnPortAsync(port);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 10, Patience, "10 bots online again");

        var s = engine.Latest;
        Assert.IsGreaterThan(0L, s.Errors[Core.Model.ErrorKind.ClosedByServer] + s.Errors[Core.Model.ErrorKind.ConnectionReset]);
        Assert.IsGreaterThanOrEqualTo(10L, s.Reconnects);
    }
}
