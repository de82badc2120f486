using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A scripted chat-protocol peer for tests, on a real socket. A background <see cref="FrameLoop"/>
/// queues every packet it reads; tests take them in order with <see cref="ReceiveAsync(TimeSpan?)"/>.
/// Every wait is bounded: a missing packet fails with <see cref="TimeoutException"/>, a closed
/// connection with <see cref="ConnectionClosedException"/>, never a hang.
/// </summary>
public sealed class ProtocolClient : IAsyncDisposable, IPacketHandler
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly Channel<Packet> _received = Channel.CreateUnbounded<Packet>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly Task<FrameLoopEnd> _loop;

    private ProtocolClient(Socket socket, FrameCodec codec)
    {
        _socket = socket;
        Codec = codec;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = SocketPipes.CreateReader(_stream);
        _loop = ReadLoopAsync();
    }

    public FrameCodec Codec { get; }

    public EndPoint LocalEndPoint => _socket.LocalEndPoint!;

    /// <summary>Packets received and not yet taken.</summary>
    public int Pending => _received.Reader.Count;

    /// <summary>Set once the read loop has ended: why the connection closed.</summary>
    public FrameLoopEnd? End => _loop.IsCompleted ? _loop.Result : null;

    public static async Task<ProtocolClient> ConnectAsync(IPEndPoint endPoint, FrameCodec? codec = null, TimeSpan? timeout = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
            await socket.ConnectAsync(endPoint, cts.Token).ConfigureAwait(false);
            return new ProtocolClient(socket, codec ?? FrameCodec.Default);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync(Packet packet, TimeSpan? timeout = null) => SendRawAsync(Codec.Encode(packet), timeout);

    /// <summary>Sends bytes exactly as given: for malformed or hand-framed input.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        await _sendGate.WaitAsync(cts.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, SocketFlags.None, cts.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>The next packet, in arrival order.</summary>
    public async Task<Packet> ReceiveAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            if (await _received.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false) && _received.Reader.TryRead(out var packet))
                return packet;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"no packet within {limit.TotalSeconds:0.#} s");
        }
        throw new ConnectionClosedException($"connection ended ({await _loop.ConfigureAwait(false)}) while a packet was expected");
    }

    /// <summary>The next packet, which must be of <paramref name="type"/>.</summary>
    public async Task<Packet> ReceiveAsync(PacketType type, TimeSpan? timeout = null)
    {
        var packet = await ReceiveAsync(timeout).ConfigureAwait(false);
        if (packet.Type != type)
            throw new UnexpectedPacketException($"expected {type} but received {packet.Type} ({packet})");
        return packet;
    }

    /// <summary>The first packet of <paramref name="type"/>, skipping (and returning) the ones before it.</summary>
    public async Task<(Packet Match, List<Packet> Skipped)> ReceiveUntilAsync(PacketType type, TimeSpan? timeout = null, int maxSkipped = 100_000)
    {
        var skipped = new List<Packet>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (skipped.Count <= maxSkipped)
        {
            var left = deadline - DateTime.UtcNow;
            var packet = await ReceiveAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
            if (packet.Type == type)
                return (packet, skipped);
            skipped.Add(packet);
        }
        throw new UnexpectedPacketException($"no {type} among {skipped.Count} packets");
    }

    /// <summary>Collects S_ANS_USER_LIST frames (a long list may come split) until <paramref name="expectedNames"/> names arrived.</summary>
    public async Task<List<string>> ReceiveUserListAsync(int expectedNames, TimeSpan? timeout = null, List<int>? frameSizes = null)
    {
        var names = new List<string>();
        do
        {
            var list = await ReceiveAsync(PacketType.AnsUserList, timeout).ConfigureAwait(false);
            names.AddRange(list.Names ?? []);
            frameSizes?.Add(list.Names?.Length ?? 0);
        }
        while (names.Count < expectedNames);
        return names;
    }

    /// <summary>Registers <paramref name="name"/> and returns the other users the server listed.</summary>
    public async Task<List<string>> RegisterAsync(string name, int expectedOthers = 0, TimeSpan? timeout = null)
    {
        await SendAsync(Packet.Register(name), timeout).ConfigureAwait(false);
        return await ReceiveUserListAsync(expectedOthers, timeout).ConfigureAwait(false);
    }

    /// <summary>Sends a ping and returns every packet that arrived before its pong: the server answers in order, so this is a barrier.</summary>
    public async Task<List<Packet>> SyncAsync(uint sequence = 0, TimeSpan? timeout = null)
    {
        await SendAsync(Packet.Ping(1, sequence), timeout).ConfigureAwait(false);
        while (true)
        {
            var (pong, skipped) = await ReceiveUntilAsync(PacketType.AnsPong, timeout).ConfigureAwait(false);
            if (pong.Sequence == sequence)
                return skipped;
        }
    }

    /// <summary>Waits for the server to close the connection; packets still queued are left for the caller.</summary>
    public async Task<FrameLoopEnd> ExpectClosedAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        try
        {
            return await _loop.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the connection was still open after {limit.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Fails if any packet arrives within <paramref name="quiet"/>.</summary>
    public async Task ExpectSilenceAsync(TimeSpan quiet)
    {
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            if (await _received.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false) && _received.Reader.TryPeek(out var packet))
                throw new UnexpectedPacketException($"expected silence but received {packet}");
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // Quiet as expected.
        }
    }

    /// <summary>Half-closes: the server sees end of stream, this side can still read its answer.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Drops the connection with a reset, as a crashed client would.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _loop.WaitAsync(DefaultTimeout).ConfigureAwait(false);
        await _reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _sendGate.Dispose();
    }

    bool IPacketHandler.OnPacket(in Packet packet) => _received.Writer.TryWrite(packet);

    private async Task<FrameLoopEnd> ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            return await FrameLoop.RunAsync(_reader, Codec, this, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}

public sealed class ConnectionClosedException(string message) : Exception(message);

public sealed class UnexpectedPacketException(string message) : Exception(message);
