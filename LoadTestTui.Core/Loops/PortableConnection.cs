using System.Buffers;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// A connection of the <see cref="PortableLoop"/>: a pump task reads with the runtime's sockets
/// (a zero-byte read parks an idle socket without a buffer) and posts each read to the loop, one
/// at a time; sends are queued (bounded) and written by one flushing task.
/// </summary>
internal sealed class PortableConnection : LoopConnection
{
    private const int ReadSize = 16 * 1024;

    private readonly PortableLoop _loop;
    private readonly SemaphoreSlim _delivered = new(0, 1);
    private readonly Lock _sendGate = new();
    private readonly SendBacklog _outbound = new();
    private Socket? _socket;
    private bool _flushing;

    public PortableConnection(PortableLoop loop, IConnectionOwner owner, FrameCodec codec) : base(loop, owner, codec) => _loop = loop;

    private sealed record Arrival(PortableConnection Connection, byte[] Chunk, int Length);

    private sealed record Failure(PortableConnection Connection, SocketError Error);

    private static readonly Action<object?> OnFailurePosted = static s => ((Failure)s!).Connection.OnFailure(((Failure)s!).Error);

    public void Begin(IPEndPoint remote, IPAddress? local)
    {
        try
        {
            _socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            if (local is not null)
                _socket.Bind(new IPEndPoint(local, 0));
        }
        catch (SocketException ex)
        {
            ConnectFailed(ex.SocketErrorCode);
            return;
        }
        _ = PumpAsync(_socket, remote);
    }

    public override bool Send(ReadOnlySpan<byte> frame)
    {
        if (State != ConnectionState.Open)
            return false;
        lock (_sendGate)
        {
            if (!_outbound.TryAppend(frame))
            {
                Ended(new FrameLoopEnd(FrameLoopEndKind.ConnectionReset, Detail: $"send queue full ({_outbound.Length} bytes): the server is not reading"));
                return false;
            }
            if (_flushing)
                return true;
            _flushing = true;
        }
        _ = FlushAsync(_socket!);
        return true;
    }

    protected override void Teardown()
    {
        _socket?.Dispose();
        lock (_sendGate)
            _outbound.Release();
    }

    private async Task PumpAsync(Socket socket, IPEndPoint remote)
    {
        try
        {
            await socket.ConnectAsync(remote).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _loop.Post(OnFailurePosted, new Failure(this, ErrorOf(ex)));
            return;
        }
        _loop.Post(static s => ((PortableConnection)s!).Opened(), this);
        try
        {
            while (true)
            {
                await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                var chunk = ArrayPool<byte>.Shared.Rent(ReadSize);
                var length = await socket.ReceiveAsync(chunk, SocketFlags.None).ConfigureAwait(false);
                _loop.Post(static s => ((Arrival)s!).Connection.OnArrival((Arrival)s!), new Arrival(this, chunk, length));
                if (length == 0)
                    return;
                await _delivered.WaitAsync().ConfigureAwait(false); // one read in flight: the loop sets the pace
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _loop.Post(OnFailurePosted, new Failure(this, ErrorOf(ex)));
        }
    }

    private void OnArrival(Arrival arrival)
    {
        try
        {
            if (State != ConnectionState.Open)
                return;
            if (arrival.Length == 0)
            {
                EndOfStream();
                return;
            }
            _loop.OnRead();
            var pending = PendingLength;
            var buffer = _loop.ReceiveBuffer(pending + arrival.Length);
            CopyPending(buffer);
            arrival.Chunk.AsSpan(0, arrival.Length).CopyTo(buffer.AsSpan(pending));
            Deliver(buffer, pending + arrival.Length);
        }
        catch (Exception ex)
        {
            _loop.ReportFault(ex);
            Abandon(ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(arrival.Chunk);
            if (arrival.Length > 0)
                _delivered.Release();
        }
    }

    /// <summary>A socket operation failed (loop thread): connecting, or afterwards; nothing when we closed it ourselves.</summary>
    private void OnFailure(SocketError error)
    {
        if (State == ConnectionState.Connecting)
            ConnectFailed(error);
        else
            Failed(error);
    }

    private static SocketError ErrorOf(Exception ex) => ex is SocketException se ? se.SocketErrorCode : SocketError.OperationAborted;

    private async Task FlushAsync(Socket socket)
    {
        while (true)
        {
            byte[] batch;
            int length;
            lock (_sendGate)
            {
                if (_outbound.TakeAll() is not { } taken)
                {
                    _flushing = false;
                    return;
                }
                (batch, length) = taken;
            }
            try
            {
                await socket.SendAsync(batch.AsMemory(0, length), SocketFlags.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                _loop.Post(OnFailurePosted, new Failure(this, ErrorOf(ex)));
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(batch);
            }
        }
    }
}
