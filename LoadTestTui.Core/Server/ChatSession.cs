using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Server;

/// <summary>
/// One client connection: a read loop (the shared <see cref="FrameLoop"/>) that applies the
/// server rules to each packet, and one <see cref="SessionWriter"/> that sends in order. Only the
/// session's own read loop changes its registration; other sessions only call <see cref="Send"/>.
/// </summary>
internal sealed class ChatSession : IPacketHandler
{
    /// <summary>How long a closing session may take to flush its last frames to a peer that is not reading.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly ChatServer _server;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly SessionWriter _output;
    private readonly EndPoint? _remote;
    private string? _name;
    private bool _registered;
    private string? _violation;

    /// <summary>0 while open; set once by whoever starts closing, so sends to a closing session are not mistaken for a slow reader.</summary>
    private int _closing;

    public ChatSession(ChatServer server, Socket socket)
    {
        _server = server;
        _socket = socket;
        _remote = socket.RemoteEndPoint;
        _stream = new CountingNetworkStream(socket, server.Counters);
        _input = SocketPipes.CreateReader(_stream);
        _output = new SessionWriter(SocketPipes.CreateWriter(_stream), server.Counters, server.Options.SendQueueFrames, server.Options.SendQueueBytes, server.FlushTicker);
    }

    /// <summary>The registered name; set before the session joins the registry and kept after it leaves.</summary>
    public string? Name => _name;

    public long QueuedBytes => _output.QueuedBytes;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = RunAsync();

    /// <summary>Its place in join order while registered (broadcasts appended after it joined are its to receive); while not registered, past every broadcast.</summary>
    public long JoinSequence { get; set; } = long.MaxValue;

    /// <summary>The first gathered broadcast (by number) not yet queued for it; kept by the <see cref="Broadcaster"/> under its lock.</summary>
    public long OwedFrom { get; set; }

    /// <summary>Queues encoded frames (often bytes shared by every recipient of a broadcast); safe from any thread.</summary>
    public void Send(ReadOnlyMemory<byte> frames, int count = 1)
    {
        if (!_output.TryEnqueue(frames, count))
            Overflowed();
    }

    /// <summary>Sends this session's own answer, from the calling thread when the server is quiet (see <see cref="SessionWriter.TrySendNow"/>).</summary>
    public void Answer(ReadOnlyMemory<byte> frame)
    {
        if (!_output.TrySendNow(frame))
            Overflowed();
    }

    private void Overflowed()
    {
        if (_output.IsCompleted || Volatile.Read(ref _closing) != 0)
            return;
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0)
            return;
        Interlocked.Increment(ref _server.Counters.SlowConsumersDropped);
        ServerLog.SlowConsumer(_server.Logger, _remote, _name, _output.QueuedBytes);
        _output.Complete();
        // Reset rather than close: a graceful close would keep the unread backlog in kernel buffers.
        // Not on this thread: it is often inside the Broadcaster's lock, and closing could run this
        // session's read loop to its end (and its Leave) inline, in the middle of a hand-out.
        ThreadPool.UnsafeQueueUserWorkItem(static session => session.Close(reset: true), this, preferLocal: false);
    }

    /// <summary>Closes the connection from outside (server shutdown); the read loop then ends and cleans up.</summary>
    public void Abort()
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0)
            return;
        _output.Complete();
        Close(reset: false);
    }

    public bool OnPacket(in Packet packet)
    {
        Interlocked.Increment(ref _server.Counters.FramesIn);
        // Frames still buffered when the server stops are not acted on (the registry is already cleared).
        if (_server.IsStopping)
            return false;
        switch (packet.Type)
        {
            case PacketType.ReqRegistChattingName:
                return Register(packet.Name ?? "");
            case PacketType.ReqChatting:
                return Chat(packet.Text ?? "");
            case PacketType.ReqPing:
                Interlocked.Increment(ref _server.Counters.Pings);
                _server.Broadcaster.Reply(this, _server.Codec.Encode(Packet.Pong(packet.ClientTimestamp, ServerClock(), packet.Sequence)));
                return true;
            case PacketType.NotifyHeartbeat:
                Interlocked.Increment(ref _server.Counters.Heartbeats);
                return true;
            case PacketType.ReqChatExit:
                // The optional name in the packet is ignored: the session knows who it is.
                Leave();
                _server.Broadcaster.Reply(this, _server.ExitAnswerFrame);
                return true;
            case PacketType.ReqExit:
                _server.Broadcaster.Reply(this, _server.ExitAnswerFrame);
                Leave();
                return false;
            default:
                Interlocked.Increment(ref _server.Counters.UnexpectedPackets);
                return Violation($"unexpected packet type {(long)packet.Type} from a client");
        }
    }

    private bool Register(string name)
    {
        if (_registered)
            return Violation("registered a name twice");
        var bytes = _server.Codec.TextEncoding.GetByteCount(name);
        if (bytes is 0 or > ServerOptions.MaxNameBytes)
            return Violation($"name of {bytes} bytes is outside 1..{ServerOptions.MaxNameBytes}");

        _name = name;
        _registered = true;
        _server.Broadcaster.Join(this);
        return true;
    }

    private bool Chat(string text)
    {
        if (!_registered)
            return Violation("chatted before registering a name");
        // Stamped here, and made monotonic with the broadcast order by the broadcaster.
        var echo = Packet.ChatMessage(_name!, "-> : " + text, ServerClock());
        byte[] frame;
        try
        {
            frame = _server.Codec.Encode(echo);
        }
        catch (FrameTooLargeException ex)
        {
            return Violation($"chat echo would not fit a frame ({ex.Message})");
        }
        Interlocked.Increment(ref _server.Counters.Chats);
        _server.Broadcaster.Chat(echo, frame, this);
        return true;
    }

    /// <summary>Unregisters and tells everyone else; the session stays open and may register again.</summary>
    private void Leave()
    {
        if (!_registered)
            return;
        _registered = false;
        // On shutdown the registry is cleared at once: nobody is told about anybody's exit.
        if (!_server.IsStopping)
            _server.Broadcaster.Leave(this, _server.Codec.Encode(Packet.ExitUser(_name!)));
    }

    private bool Violation(string reason)
    {
        _violation = reason;
        Interlocked.Increment(ref _server.Counters.ProtocolErrors);
        return false;
    }

    private static ulong ServerClock() => (ulong)Environment.TickCount64;

    private async Task RunAsync()
    {
        // Leave the accept loop's thread first: a registration that is already buffered would
        // otherwise run inline there (the fan-out to every user included), so in a join storm every
        // registration was serialized on the listener's one thread while accepts waited behind it.
        await Task.Yield();
        var writing = _output.RunAsync();
        try
        {
            var end = await FrameLoop.RunAsync(_input, _server.Codec, this, CancellationToken.None).ConfigureAwait(false);
            var closedByUs = Interlocked.Exchange(ref _closing, 1) == 0;
            if (closedByUs)
                Report(end);
            Leave();
            _output.Complete();
            if (closedByUs)
            {
                // Let queued frames (an S_ANS_EXIT answer, say) reach the peer, but not forever.
                await Task.WhenAny(writing, Task.Delay(DrainTimeout)).ConfigureAwait(false);
                Close(reset: false);
            }
            await writing.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bug in one session must not take the server down; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ServerLog.SessionFailed(_server.Logger, ex, _remote);
            Leave();
            Close(reset: true);
        }
        finally
        {
            await _input.CompleteAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            _socket.Dispose();
            _server.OnSessionEnded(this);
        }
    }

    private void Report(FrameLoopEnd end)
    {
        switch (end.Kind)
        {
            case FrameLoopEndKind.ProtocolError or FrameLoopEndKind.Truncated:
                Interlocked.Increment(ref _server.Counters.ProtocolErrors);
                ServerLog.ProtocolViolation(_server.Logger, _remote, end.ToString());
                break;
            case FrameLoopEndKind.StoppedByHandler when _violation is not null:
                ServerLog.ProtocolViolation(_server.Logger, _remote, _violation);
                break;
            default:
                ServerLog.SessionEnded(_server.Logger, _remote, end.ToString());
                break;
        }
    }

    private void Close(bool reset)
    {
        try
        {
            if (reset)
                _socket.LingerState = new LingerOption(true, 0);
            else
                _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone: closing it below is all that is left to do.
        }
        _socket.Dispose();
    }
}
