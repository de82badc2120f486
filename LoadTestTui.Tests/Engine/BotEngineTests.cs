using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

[TestClass]
public sealed class BotEngineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task HundredBots_AgainstReferenceServer_OnlineChatBroadcastGoodbyeNothingLost()
    {
        await using var server = await TestServers.StartAsync();
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);

        engine.Start(100);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 100, Patience, "100 bots online");
        await Wait.UntilAsync(() => engine.Latest is { ChatRtt.Count: >= 300, PingRtt.Count: >= 100 }, Patience, "echoes and pongs measured");
        var running = engine.Latest;
        Assert.AreEqual(100, running.PeakOnline);
        Assert.IsTrue(running.Bots.All(b => b.MessagesSent > 0 || b.State == BotState.Online), "every bot online");
        Assert.IsGreaterThan(0.0, running.ChatRtt.P99Ms);
        Assert.IsGreaterThanOrEqualTo(running.ChatRtt.P50Ms, running.ChatRtt.P99Ms);
        Assert.IsGreaterThan(0L, running.Delivery.Received);

        // Quiesce random chat, then one broadcast must reach the server from every bot and every other bot exactly once.
        engine.SetChatPaused(true);
        await Settled.ChatQuietAsync(() => engine.Latest, Patience);
        var before = engine.Latest;
        var serverChatsBefore = server.Stats.Chats;
        Assert.AreEqual(100, engine.Broadcast("broadcast check 안녕"));
        await Wait.UntilAsync(() => server.Stats.Chats - serverChatsBefore == 100, Patience, "server received the broadcast from all 100 bots");
        await Wait.UntilAsync(() => engine.Latest.Delivery.Received - before.Delivery.Received == 100 * 99, Patience, "9,900 fan-out deliveries");
        await Wait.UntilAsync(() => engine.Latest.MessagesReceived - before.MessagesReceived == 100 * 100, Patience, "every echo and delivery counted");
        var after = engine.Latest;
        Assert.AreEqual(100L * 99, after.Delivery.Expected - before.Delivery.Expected);
        Assert.AreEqual(100L * 99, after.Delivery.Received - before.Delivery.Received);
        Assert.AreEqual(100L, after.MessagesSent - before.MessagesSent);
        Assert.AreEqual(100L * 100, after.MessagesReceived - before.MessagesReceived, "each bot got its echo and 99 others");

        await Wait.ForAsync(engine.StopAsync(), Patience, "graceful stop"); // completes with the final snapshot published
        var stopped = engine.Latest;
        Assert.AreEqual(RunState.Stopped, stopped.State);
        Assert.AreEqual(100L, stopped.GoodbyesSent);
        Assert.AreEqual(100L, stopped.GoodbyesAcknowledged, "server answered every CHAT_EXIT");
        Assert.AreEqual(100, stopped.States.Stopped);
        Assert.AreEqual(100L * 5, stopped.StateTransitions, "idle > connecting > registering > online > stopping > stopped: five changes per bot");
        Assert.AreEqual(0L, stopped.Delivery.Lost);
        Assert.AreEqual(0L, stopped.Delivery.Duplicated);
        Assert.AreEqual(0L, stopped.Delivery.OutOfOrder);
        Assert.AreEqual(0L, stopped.ErrorCount, string.Join(", ", stopped.Errors.Where(e => e.Value > 0)));
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 0, Patience, "server has no users left");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ServerRestartedMidRun_BotsReconnect()
    {
        var server = await TestServers.StartAsync();
        var port = server.Port;
        await using var engine = new BotEngine(TestServers.FastBots(port), TestServers.FastEngine);
        engine.Start(20);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 20, Patience, "20 bots online");

        await server.DisposeAsync();
        await Wait.UntilAsync(() => engine.Latest.States.Online == 0, Patience, "bots notice the server went away");
        await using var restarted = await TestServers.StartOnPortAsync(port);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 20, Patience, "20 bots online again");

        var s = engine.Latest;
        Assert.IsGreaterThanOrEqualTo(20L, s.Reconnects);
        Assert.IsGreaterThan(0L, s.Errors[ErrorKind.ClosedByServer] + s.Errors[ErrorKind.ConnectionReset]);
        Assert.IsTrue(s.Bots.All(b => b.Reconnects >= 1), "every bot reconnected");
        Assert.AreEqual(20, restarted.Stats.UsersRegistered);
    }

    [TestMethod]
    public async Task Start_WhileRunning_Throws_AndScaleToShrinksAndGrows()
    {
        await using var server = await TestServers.StartAsync();
        await using var engine = new BotEngine(TestServers.FastBots(server.Port) with { ChatIntervalMax = TimeSpan.Zero, ChatIntervalMin = TimeSpan.Zero }, TestServers.FastEngine);
        engine.Start(10);
        Assert.ThrowsExactly<InvalidOperationException>(() => engine.Start(5));
        await Wait.UntilAsync(() => engine.Latest.States.Online == 10, Patience, "10 online");

        engine.ScaleTo(4);
        // The six leaving bots say goodbye first (Stopping), so wait for them to be Stopped, not only for 4 online.
        await Wait.UntilAsync(() => engine.Latest is { States.Online: 4, TotalBots: 4, States.Stopped: 6 }, Patience, "scaled down to 4, the other 6 stopped");
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 4, Patience, "server sees 4 users");

        engine.ScaleTo(12);
        await Wait.UntilAsync(() => engine.Latest is { States.Online: 12, TotalBots: 12 }, Patience, "scaled up to 12");
        Assert.AreEqual(12, engine.Latest.Bots.Length, "stopped bots are reused before new ones are made");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Duration_EndsRunByItself_AndFeedCompletesOnDispose()
    {
        await using var server = await TestServers.StartAsync();
        var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        var completed = new TaskCompletionSource();
        var seen = 0;
        using var subscription = engine.Snapshots.Subscribe(_ => Interlocked.Increment(ref seen), () => completed.TrySetResult());
        engine.Start(5, TimeSpan.FromSeconds(1.5));
        await Wait.ForAsync(engine.RunCompletion, Patience, "run ends after its duration");
        await Wait.UntilAsync(() => engine.Latest.State == RunState.Stopped, Patience, "a snapshot says stopped");
        Assert.IsGreaterThan(5, Volatile.Read(ref seen));
        Assert.IsGreaterThanOrEqualTo(1, engine.Latest.Timeline.Count);

        var late = new TaskCompletionSource<EngineSnapshot>();
        using var lateSubscription = engine.Snapshots.Subscribe(s => late.TrySetResult(s));
        Assert.IsTrue(late.Task.IsCompleted, "a late subscriber gets the latest snapshot at once");

        await engine.DisposeAsync();
        await Wait.ForAsync(completed.Task, TimeSpan.FromSeconds(5), "feed completes on dispose");
    }

    [TestMethod]
    public async Task NoServer_BotsFailAfterMaxReconnects_WithConnectRefused()
    {
        int port;
        await using (var probe = await TestServers.StartAsync())
            port = probe.Port; // a port that was just free and is now closed
        await using var engine = new BotEngine(TestServers.FastBots(port) with { MaxReconnects = 2 }, TestServers.FastEngine);
        engine.Start(3);
        await Wait.UntilAsync(() => engine.Latest.States.Failed == 3, Patience, "bots give up");
        var s = engine.Latest;
        Assert.AreEqual(9L, s.Errors[ErrorKind.ConnectRefused], "1 try + 2 reconnects each");
        Assert.AreEqual(0, s.PeakOnline);
        StringAssert.Contains(s.Bots[0].LastError, "refused");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Broadcast_TextTooLongForAFrame_NotSent_AndOpensNoDeliveryGap()
    {
        await using var server = await TestServers.StartAsync();
        await using var engine = new BotEngine(TestServers.FastBots(server.Port) with { ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero }, TestServers.FastEngine);
        engine.Start(5);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 5, Patience, "5 online");
        engine.Broadcast("first");
        await Wait.UntilAsync(() => engine.SnapshotNow().Delivery.Received == 5 * 4, Patience, "first broadcast delivered");

        engine.Broadcast(new string('x', 20_000));
        engine.Broadcast("third");
        await Wait.UntilAsync(() => engine.SnapshotNow().Delivery.Received == 2 * 5 * 4, Patience, "third broadcast delivered");
        var s = engine.SnapshotNow();
        Assert.AreEqual(0L, s.Delivery.Lost, "the unsendable text took no sequence number");
        Assert.AreEqual(2L * 5 * 4, s.Delivery.Expected);
        Assert.AreEqual(10L, s.MessagesSent);
        Assert.AreEqual(0L, s.ErrorCount);
    }

    [TestMethod]
    public void Options_AllProblemsReportedAtOnce()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new BotEngine(
            BotOptions.Default with { Port = 0, Host = "", HeartbeatInterval = TimeSpan.FromSeconds(-1) },
            EngineOptions.Default with { RampPerSecond = 0 }));
        StringAssert.Contains(ex.Message, "--port");
        StringAssert.Contains(ex.Message, "--host");
        StringAssert.Contains(ex.Message, "--heartbeat-interval");
        StringAssert.Contains(ex.Message, "--ramp");
    }
}
