using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Loops;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Loops;

/// <summary>
/// A loop's connection against real sockets on 127.0.0.1, on both backends: framing across
/// reads, every way a connection ends, and the bound on what waits to be sent.
/// </summary>
[TestClass]
public sealed class LoopConnectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly FrameCodec Codec = new(ProtocolOptions.Default);

    public static IEnumerable<object[]> Backends => [[LoopBackend.Epoll], [LoopBackend.Portable]];

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task FramesWrittenOneByteAtATime_ArriveWholeAndInOrder(LoopBackend backend)
    {
        var frames = new[] { Codec.Encode(Packet.Pong(1, 2, 7)), Codec.Encode(Packet.NewUser("Bot_0002")), Codec.Encode(Packet.ExitUser("Bot_0003")) };
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            foreach (var b in frames.SelectMany(f => f))
            {
                await socket.SendAsync(new[] { b }, SocketFlags.None, ct);
                await Task.Delay(1, ct);
            }
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var loops = new EventLoops(backend, 1);
        var (connection, owner) = await ConnectAsync(loops, server.Port);

        await Eventually.TrueAsync(() => owner.Count == 3, "three frames", Patience);
        CollectionAssert.AreEqual(new[] { PacketType.AnsPong, PacketType.AnsNewUserNotify, PacketType.AnsExitUser }, owner.Types);
        Assert.IsTrue(await OnLoopAsync(loops, () => connection.IsOpen));
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task FrameLargerThanTheReadBuffer_ArrivesWhole(LoopBackend backend)
    {
        var codec = new FrameCodec(ProtocolOptions.Default with { MaxFrameSize = ProtocolOptions.MaxFrameSizeLimit });
        var names = Enumerable.Range(1, 40_000).Select(i => $"Bot_{i:D5}").ToArray(); // ~400 KB in one frame
        var frame = codec.Encode(Packet.UserList(names));
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            await socket.SendAsync(frame, SocketFlags.None, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var loops = new EventLoops(backend, 1);
        var (_, owner) = await ConnectAsync(loops, server.Port, codec);

        await Eventually.TrueAsync(() => owner.Count == 1, "the user list", Patience);
        Assert.AreEqual(frame.Length, owner.Lengths[0]);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task ClosedPort_ConnectEndsRefused(LoopBackend backend)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var loops = new EventLoops(backend, 1);
        var owner = new RecordingOwner();

        var connection = await OnLoopAsync(loops, () => loops.For(0).Connect(new IPEndPoint(IPAddress.Loopback, port), null, owner, Codec));

        await Eventually.TrueAsync(() => owner.Changes >= 1, "the connect to end", Patience);
        Assert.AreEqual(ConnectionState.Ended, await OnLoopAsync(loops, () => connection.State));
        Assert.AreEqual(SocketError.ConnectionRefused, await OnLoopAsync(loops, () => connection.ConnectError));
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task PeerClosesBetweenFrames_EndsRemoteClosed_AfterDeliveringWhatCame(LoopBackend backend)
    {
        var end = await EndAfterAsync(backend, async (socket, ct) =>
        {
            await socket.SendAsync(Codec.Encode(Packet.Pong(1, 2, 1)), SocketFlags.None, ct);
            socket.Shutdown(SocketShutdown.Send);
        });

        Assert.AreEqual(FrameLoopEndKind.RemoteClosed, end.Kind);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task PeerClosesMidFrame_EndsTruncatedCountingThePendingBytes(LoopBackend backend)
    {
        var frame = Codec.Encode(Packet.NewUser("Bot_0009"));
        var end = await EndAfterAsync(backend, async (socket, ct) =>
        {
            await socket.SendAsync(frame.AsMemory(0, 7), SocketFlags.None, ct);
            socket.Shutdown(SocketShutdown.Send);
        });

        Assert.AreEqual(FrameLoopEndKind.Truncated, end.Kind);
        Assert.AreEqual(ProtocolErrorKind.TruncatedFrame, end.Error?.Kind);
        Assert.AreEqual("7 bytes pending", end.Detail);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task GarbageBytes_EndWithAProtocolError(LoopBackend backend)
    {
        var end = await EndAfterAsync(backend, async (socket, ct) =>
        {
            await socket.SendAsync(Enumerable.Repeat((byte)0xFF, 64).ToArray(), SocketFlags.None, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

        Assert.AreEqual(FrameLoopEndKind.ProtocolError, end.Kind);
        Assert.AreEqual(ProtocolErrorKind.LengthOutOfRange, end.Error?.Kind);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task PeerResets_EndsConnectionReset(LoopBackend backend)
    {
        // A reset before the client saw its connect complete would fail the connect instead: the peer waits for that.
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            await open.Task.WaitAsync(ct);
            ScriptedServer.Reset(socket);
        });
        using var loops = new EventLoops(backend, 1);
        var (connection, owner) = await ConnectAsync(loops, server.Port);
        open.SetResult();
        await Eventually.TrueAsync(() => owner.Changes >= 2, "the connection to end", Patience);
        var end = await OnLoopAsync(loops, () => connection.End);

        Assert.AreEqual(FrameLoopEndKind.ConnectionReset, end.Kind);
        Assert.AreEqual(nameof(SocketError.ConnectionReset), end.Detail);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task Sends_ArriveAtThePeerWholeAndInOrder(LoopBackend backend)
    {
        const int Count = 2_000;
        var received = new List<Packet>();
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            using var stream = new NetworkStream(socket);
            var reader = System.IO.Pipelines.PipeReader.Create(stream);
            var handler = new CollectingHandler(received);
            await FrameLoop.RunAsync(reader, Codec, handler, ct);
        });
        using var loops = new EventLoops(backend, 1);
        var (connection, _) = await ConnectAsync(loops, server.Port);

        var accepted = await OnLoopAsync(loops, () =>
        {
            var all = true;
            for (uint i = 1; i <= Count; i++)
                all &= connection.Send(Codec.Encode(Packet.Ping((ulong)i, i)));
            return all;
        });

        Assert.IsTrue(accepted);
        await Eventually.TrueAsync(() => { lock (received) return received.Count == Count; }, $"{Count} pings at the peer", Patience);
        lock (received)
            CollectionAssert.AreEqual(Enumerable.Range(1, Count).Select(i => (uint)i).ToList(), received.Select(p => p.Sequence).ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task PeerNeverReads_WhatWaitsIsBounded_AndTheConnectionEnds(LoopBackend backend)
    {
        await using var server = new ScriptedServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        using var loops = new EventLoops(backend, 1);
        var (connection, owner) = await ConnectAsync(loops, server.Port);
        var frame = Codec.Encode(Packet.Chat(new string('x', 1000), 0));

        // Kernel buffers take several megabytes first; then the bounded queue fills. Each round yields so the portable flusher can run.
        long accepted = 0;
        for (var round = 0; round < 2_000 && await OnLoopAsync(loops, () => connection.IsOpen); round++)
        {
            accepted += await OnLoopAsync(loops, () =>
            {
                var sent = 0;
                while (sent < 100 && connection.Send(frame))
                    sent++;
                return sent;
            });
        }

        Assert.AreEqual(ConnectionState.Ended, await OnLoopAsync(loops, () => connection.State), $"still open after {accepted:N0} frames");
        StringAssert.Contains((await OnLoopAsync(loops, () => connection.End)).Detail, "send queue full");
        Assert.IsGreaterThanOrEqualTo(1, owner.Changes, "the owner hears that it ended");
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task Close_EndsCancelled_AndTheOwnerIsNotTold(LoopBackend backend)
    {
        await using var server = new ScriptedServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        using var loops = new EventLoops(backend, 1);
        var (connection, owner) = await ConnectAsync(loops, server.Port);
        var changes = owner.Changes;

        var end = await OnLoopAsync(loops, () =>
        {
            connection.Close();
            connection.Close();
            return (connection.End, connection.Send(Codec.Encode(Packet.Heartbeat())));
        });

        Assert.AreEqual(FrameLoopEndKind.Cancelled, end.End.Kind);
        Assert.IsFalse(end.Item2, "a closed connection sends nothing");
        // Two turns of the loop: whatever the close posted, or an event it raised, has been handled by now.
        await OnLoopAsync(loops, () => 0);
        await OnLoopAsync(loops, () => 0);
        Assert.AreEqual(changes, owner.Changes);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task HandlerThrows_ThatConnectionEnds_TheLoopCountsItAndServesTheOthers(LoopBackend backend)
    {
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            for (uint i = 1; !ct.IsCancellationRequested; i++)
            {
                await socket.SendAsync(Codec.Encode(Packet.Pong(1, 2, i)), SocketFlags.None, ct);
                await Task.Delay(5, ct);
            }
        });
        using var loops = new EventLoops(backend, 1);
        var (faulty, owner) = await ConnectAsync(loops, server.Port);
        owner.ThrowOnFrame = true;
        var (healthy, other) = await ConnectAsync(loops, server.Port);

        await Eventually.TrueAsync(() => owner.Changes >= 2, "the faulty connection to end", Patience);
        var end = await OnLoopAsync(loops, () => faulty.End);
        var count = other.Count;
        await Eventually.TrueAsync(() => other.Count > count + 10, "frames still reaching the other connection", Patience);

        Assert.AreEqual(FrameLoopEndKind.ConnectionReset, end.Kind);
        Assert.AreEqual("internal error: InvalidOperationException", end.Detail);
        Assert.AreEqual(1L, loops.For(0).Faults);
        Assert.IsTrue(await OnLoopAsync(loops, () => healthy.IsOpen));
    }

    private static async Task<FrameLoopEnd> EndAfterAsync(LoopBackend backend, Func<Socket, CancellationToken, Task> script)
    {
        await using var server = new ScriptedServer((socket, _, ct) => script(socket, ct));
        using var loops = new EventLoops(backend, 1);
        var owner = new RecordingOwner();
        var connection = await OnLoopAsync(loops, () => loops.For(0).Connect(new IPEndPoint(IPAddress.Loopback, server.Port), null, owner, Codec));
        await Eventually.TrueAsync(() => owner.Changes >= 2, "the connection to open and end", Patience);
        return await OnLoopAsync(loops, () => connection.End);
    }

    private static async Task<(LoopConnection Connection, RecordingOwner Owner)> ConnectAsync(EventLoops loops, int port, FrameCodec? codec = null)
    {
        var owner = new RecordingOwner();
        var connection = await OnLoopAsync(loops, () => loops.For(0).Connect(new IPEndPoint(IPAddress.Loopback, port), null, owner, codec ?? Codec));
        await Eventually.TrueAsync(() => owner.Changes >= 1, "connected", Patience);
        Assert.IsTrue(await OnLoopAsync(loops, () => connection.IsOpen), "the connection opened");
        return (connection, owner);
    }

    /// <summary>Runs <paramref name="action"/> on the (only) loop, where every connection member must be called.</summary>
    internal static Task<T> OnLoopAsync<T>(EventLoops loops, Func<T> action)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        loops.For(0).Post(_ =>
        {
            try
            {
                result.SetResult(action());
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        }, null);
        return result.Task.WaitAsync(Patience);
    }

    /// <summary>Records frame types and lengths, and counts state changes; called on the loop thread.</summary>
    private sealed class RecordingOwner : IConnectionOwner
    {
        private readonly List<PacketType> _types = [];
        private readonly List<int> _lengths = [];
        private int _changes;

        public int Changes => Volatile.Read(ref _changes);

        public int Count
        {
            get
            {
                lock (_types)
                    return _types.Count;
            }
        }

        public PacketType[] Types
        {
            get
            {
                lock (_types)
                    return [.. _types];
            }
        }

        public int[] Lengths
        {
            get
            {
                lock (_types)
                    return [.. _lengths];
            }
        }

        public bool ThrowOnFrame { get; set; }

        public bool OnFrame(in Frame frame)
        {
            if (ThrowOnFrame)
                throw new InvalidOperationException("a bug in the handler");
            lock (_types)
            {
                _types.Add(frame.Type);
                _lengths.Add(frame.Length);
            }
            return true;
        }

        public void OnConnectionChanged() => Interlocked.Increment(ref _changes);

        public void OnRead(long receivedTicks)
        {
        }
    }

    private sealed class CollectingHandler(List<Packet> into) : IPacketHandler
    {
        public bool OnPacket(in Packet packet)
        {
            lock (into)
                into.Add(packet);
            return true;
        }
    }
}
