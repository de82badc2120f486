using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// One TCP connection owned by an <see cref="EventLoop"/>: every member is called on that loop's
/// thread. Bytes that arrive are cut into frames by <see cref="FrameLoop.DrainFrames"/> (the same
/// framing every reader uses) and handed to the owner in order; the bytes of a frame that is not
/// whole yet wait in a pooled buffer, so an idle connection holds none. A send goes straight to
/// the socket; what the kernel does not take at once waits in a bounded queue.
/// </summary>
internal abstract class LoopConnection
{
    /// <summary>Bytes a connection may have waiting to be sent: past this, the peer is not reading and the connection ends.</summary>
    public const int MaxUnsent = 256 * 1024;

    private readonly IConnectionOwner _owner;
    private readonly FrameCodec _codec;
    private byte[]? _partial;
    private int _partialLength;

    protected LoopConnection(EventLoop loop, IConnectionOwner owner, FrameCodec codec)
    {
        Loop = loop;
        _owner = owner;
        _codec = codec;
    }

    public EventLoop Loop { get; }

    public ConnectionState State { get; private set; }

    public bool IsOpen => State == ConnectionState.Open;

    /// <summary>Why connecting failed (<see cref="SocketError.Success"/> when it did not).</summary>
    public SocketError ConnectError { get; private set; }

    /// <summary>Why the connection ended; meaningful once <see cref="State"/> is <see cref="ConnectionState.Ended"/>.</summary>
    public FrameLoopEnd End { get; private set; }

    /// <summary>
    /// Sends one whole frame, or queues what the kernel does not take at once. False when the
    /// connection is not open, or when this send ended it (a socket error, or the queue full).
    /// </summary>
    public abstract bool Send(ReadOnlySpan<byte> frame);

    /// <summary>Closes the connection; one still open ends <see cref="FrameLoopEndKind.Cancelled"/>. Idempotent; the owner is not told (it asked).</summary>
    public void Close()
    {
        Debug.Assert(Loop.IsCurrent);
        if (State == ConnectionState.Ended)
            return;
        End = new FrameLoopEnd(FrameLoopEndKind.Cancelled);
        State = ConnectionState.Ended;
        DropPending();
        Teardown();
    }

    /// <summary>A bug escaped while handling this connection's bytes (the loop counted it): end the connection rather than meet the same bytes again.</summary>
    public void Abandon(Exception ex) => Ended(new FrameLoopEnd(FrameLoopEndKind.ConnectionReset, Detail: $"internal error: {ex.GetType().Name}"));

    /// <summary>Closes the socket and returns its buffers (once, when the connection ends).</summary>
    protected abstract void Teardown();

    protected void Opened()
    {
        if (State != ConnectionState.Connecting)
            return;
        State = ConnectionState.Open;
        _owner.OnConnectionChanged();
    }

    protected void ConnectFailed(SocketError error)
    {
        if (State != ConnectionState.Connecting)
            return;
        ConnectError = error == SocketError.Success ? SocketError.SocketError : error;
        End = new FrameLoopEnd(FrameLoopEndKind.ConnectionReset, Detail: ConnectError.ToString());
        State = ConnectionState.Ended;
        Teardown();
        _owner.OnConnectionChanged();
    }

    /// <summary>The connection ended on its own (peer, error, protocol); the owner hears of it.</summary>
    protected void Ended(FrameLoopEnd end)
    {
        if (State == ConnectionState.Ended)
            return;
        End = end;
        State = ConnectionState.Ended;
        DropPending();
        Teardown();
        _owner.OnConnectionChanged();
    }

    protected void Failed(SocketError error) => Ended(new FrameLoopEnd(FrameLoopEndKind.ConnectionReset, Detail: error.ToString()));

    /// <summary>The peer closed its side: cleanly between frames, or mid-frame.</summary>
    protected void EndOfStream() => Ended(_partialLength == 0
        ? new FrameLoopEnd(FrameLoopEndKind.RemoteClosed)
        : new FrameLoopEnd(FrameLoopEndKind.Truncated, new ProtocolError(ProtocolErrorKind.TruncatedFrame, $"{_partialLength} bytes of an unfinished frame"), $"{_partialLength} bytes pending"));

    /// <summary>Bytes of an unfinished frame, to go in front of the next read.</summary>
    protected int PendingLength => _partialLength;

    /// <summary>Copies the unfinished frame's bytes to the front of <paramref name="target"/> (they stay pending until <see cref="Deliver"/>).</summary>
    protected void CopyPending(Span<byte> target)
    {
        if (_partialLength > 0)
            _partial.AsSpan(0, _partialLength).CopyTo(target);
    }

    /// <summary>
    /// Hands every whole frame in <paramref name="buffer"/>[0..<paramref name="length"/>] (pending
    /// bytes first) to the owner, then keeps the unfinished rest. False when a frame ended the
    /// connection (malformed, or the owner stopped reading).
    /// </summary>
    protected bool Deliver(byte[] buffer, int length)
    {
        _owner.OnRead(MonoClock.Now);
        DropPending();
        var bytes = new ReadOnlySequence<byte>(buffer, 0, length);
        if (FrameLoop.DrainFrames(ref bytes, _codec, _owner) is { } end)
        {
            Ended(end);
            return false;
        }
        if (bytes.IsEmpty)
            return true;
        var rest = bytes.FirstSpan;
        _partial = Loop.RentRemainder(rest.Length);
        rest.CopyTo(_partial);
        _partialLength = rest.Length;
        return true;
    }

    private void DropPending()
    {
        if (_partial is null)
            return;
        Loop.ReturnRemainder(_partial);
        _partial = null;
        _partialLength = 0;
    }
}
