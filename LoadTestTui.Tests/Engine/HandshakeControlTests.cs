using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

/// <summary>The engine at a server's knee: registration timed on silence, handshakes bounded by a window, reconnects paced as a crowd.</summary>
[TestClass]
[DoNotParallelize] // reconnects per second and timeouts measured in real time
public sealed class HandshakeControlTests
{
    private static readonly FrameCodec Codec = FrameCodec.Default;

    private static BotOptions IdleBots(int port) => TestServers.FastBots(port) with
    {
        ChatIntervalMin = TimeSpan.Zero,
        ChatIntervalMax = TimeSpan.Zero,
        PingInterval = TimeSpan.Zero,
        HeartbeatInterval = TimeSpan.FromSeconds(5),
    };

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Registration_ServerBusyButTalking_WaitsPastResponseTimeoutAndRecordsLatency()
    {
        // Frames every 0.5 s, the user list after 6 s: three times the 2 s response timeout.
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(6))
            {
                await socket.SendAsync(Codec.Encode(Packet.NewUser("someone")), ct);
                await Task.Delay(500, ct);
            }
            await socket.SendAsync(Codec.Encode(Packet.UserList([])), ct);
            await ScriptedServer.DrainAsync(socket, ct);
        });
        await using var engine = new BotEngine(IdleBots(server.Port) with { ResponseTimeout = TimeSpan.FromSeconds(2) }, TestServers.FastEngine);

        engine.Start(1);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 1, TimeSpan.FromSeconds(15), "the bot online after the slow registration");

        var s = engine.SnapshotNow();
        Assert.AreEqual(0L, s.ErrorCount, $"no timeout while the server talks: {string.Join(", ", s.Errors.Where(e => e.Value > 0))}");
        Assert.AreEqual(1, server.Accepted, "no reconnect");
        Assert.AreEqual(1L, s.Registration.Count);
        Assert.IsGreaterThan(5_500.0, s.Registration.MaxMs, "registration latency spans the server's 6 s");
        Assert.IsLessThan(10_000.0, s.Registration.MaxMs);
        Assert.AreEqual(1L, s.ConnectTime.Count);
        Assert.IsLessThan(s.Registration.MaxMs, s.ConnectTime.MaxMs, "connecting is part of registering");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Online_PongsQueuedBehindStreamingFrames_NoTimeoutWhileTheServerTalks()
    {
        // Registers at once, then never answers a ping but keeps sending frames every 0.5 s.
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            await ScriptedServer.ReceiveSomeAsync(socket, ct);
            await socket.SendAsync(Codec.Encode(Packet.UserList([])), ct);
            var draining = ScriptedServer.DrainAsync(socket, ct);
            while (!draining.IsCompleted)
            {
                await socket.SendAsync(Codec.Encode(Packet.NewUser("someone")), ct);
                await Task.Delay(500, ct);
            }
        });
        var options = IdleBots(server.Port) with { PingInterval = TimeSpan.FromMilliseconds(300), ResponseTimeout = TimeSpan.FromSeconds(1) };
        await using var engine = new BotEngine(options, TestServers.FastEngine);

        engine.Start(1);
        await Wait.UntilAsync(() => engine.Latest.PingsSent >= 10, TimeSpan.FromSeconds(15), "ten unanswered pings, over three response timeouts");

        Assert.AreEqual(0L, engine.Latest.ErrorCount, "pongs queued behind a talking server are not a dead connection");
        Assert.AreEqual(1, server.Accepted);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Registration_SilentServer_TimesOutAfterResponseTimeout()
    {
        await using var server = new ScriptedServer((socket, _, ct) => ScriptedServer.DrainAsync(socket, ct));
        await using var engine = new BotEngine(IdleBots(server.Port) with { ResponseTimeout = TimeSpan.FromSeconds(1) }, TestServers.FastEngine);
        var clock = Stopwatch.StartNew();

        engine.Start(1);
        await Wait.UntilAsync(() => engine.Latest.Errors[ErrorKind.ResponseTimeout] >= 1, TimeSpan.FromSeconds(10), "a response timeout");

        Assert.IsGreaterThanOrEqualTo(0.9, clock.Elapsed.TotalSeconds, "not before a second of silence");
        Assert.AreEqual(0L, engine.Latest.Registration.Count, "nothing registered, nothing recorded");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Ramp_FarAboveServerRate_WindowBoundsInFlight_AllOnlineWithoutTimeouts()
    {
        const int bots = 2000;
        await using var server = new ThrottledRegistrar(perSecond: 200);
        // A 3 s silence timeout: 2,000 registrations piled at once would wait up to 10 s in the server's queue.
        // The window's target (0.5 s) and cap (256, 1.3 s of this server's work) keep the queue well under it.
        var options = IdleBots(server.Port) with { ResponseTimeout = TimeSpan.FromSeconds(3), ConnectTimeout = TimeSpan.FromSeconds(5) };
        var engineOptions = TestServers.FastEngine with
        {
            RampPerSecond = 100_000,
            StopTimeout = TimeSpan.FromSeconds(1),
            HandshakeTarget = TimeSpan.FromMilliseconds(500),
            HandshakeWindowMax = 256,
        };
        await using var engine = new BotEngine(options, engineOptions);
        var sawLimit = false;
        using var watch = engine.Snapshots.Subscribe(s => sawLimit |= s.RampLimit.Length > 0);

        engine.Start(bots);
        await Wait.UntilAsync(() => engine.Latest.States.Online == bots, TimeSpan.FromSeconds(40), $"{bots} online (server registered {server.Registered})");

        var s = engine.SnapshotNow();
        Assert.AreEqual(0L, s.ErrorCount, $"errors: {string.Join(", ", s.Errors.Where(e => e.Value > 0))}");
        Assert.AreEqual(0L, s.Reconnects);
        Assert.IsLessThanOrEqualTo(s.PeakHandshakeWindow, server.PeakPending, "the server never saw more registrations waiting than the window allowed");
        Assert.IsLessThan(bots / 2, s.PeakHandshakeWindow, "the window stayed far below the whole crowd");
        Assert.IsTrue(sawLimit, "the snapshot said why the ramp was held back");
        Assert.AreEqual(bots, (int)s.Registration.Count);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Reconnects_ServerDropsEveryone_ArriveAtThePacedRate()
    {
        const int bots = 300;
        const double rate = 100;
        var drop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var returns = new ConcurrentQueue<long>();
        await using var server = new ScriptedServer(async (socket, index, ct) =>
        {
            if (index > bots)
                returns.Enqueue(Stopwatch.GetTimestamp());
            await ScriptedServer.ReceiveSomeAsync(socket, ct);
            await socket.SendAsync(Codec.Encode(Packet.UserList([])), ct);
            if (index <= bots)
            {
                await drop.Task.WaitAsync(ct);
                ScriptedServer.Reset(socket);
                return;
            }
            await ScriptedServer.DrainAsync(socket, ct);
        });
        // Per-bot backoff alone would bring all 300 back within half a second.
        var options = IdleBots(server.Port) with { ReconnectBaseDelay = TimeSpan.FromMilliseconds(50), ReconnectMaxDelay = TimeSpan.FromMilliseconds(300) };
        await using var engine = new BotEngine(options, TestServers.FastEngine with { ReconnectsPerSecond = rate, StopTimeout = TimeSpan.FromSeconds(1) });
        engine.Start(bots);
        await Wait.UntilAsync(() => engine.Latest.States.Online == bots, TimeSpan.FromSeconds(15), "all online before the drop");

        drop.SetResult();
        await Wait.UntilAsync(() => returns.Count >= bots, TimeSpan.FromSeconds(20), $"all back (returned {returns.Count})");

        var times = returns.Select(t => t / (double)Stopwatch.Frequency).Order().ToArray();
        var busiest = 0;
        for (int first = 0, last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] > 1.0)
                first++;
            busiest = Math.Max(busiest, last - first + 1);
        }
        Assert.IsLessThanOrEqualTo(rate * 1.25, busiest, "reconnects in the busiest second");
        Assert.IsGreaterThan(2.0, times[^1] - times[0], "the crowd came back over about 3 s, not in one wave");
    }
}
