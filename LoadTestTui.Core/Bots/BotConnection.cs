using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// One TCP connection of a bot: a pipe reader for the frame loop and one serialized writer,
/// so a broadcast and the bot's own timers never interleave frames. A send encodes into a
/// pooled buffer and writes it straight to the socket: an idle connection holds no buffer.
/// </summary>
internal sealed class BotConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly FrameCodec _codec;
    private readonly CancellationTokenSource _closed = new();

    public BotConnection(Socket socket, FrameCodec codec)
    {
        _socket = socket;
        _codec = codec;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Reader = SocketPipes.CreateReader(_stream);
    }

    public PipeReader Reader { get; }

    /// <summary>Cancelled when the connection is aborted: ends the frame loop and pending sends.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Sends one frame; returns its size, or 0 when the connection is gone (the caller decides whether that is an error).</summary>
    public async ValueTask<int> TrySendAsync(Packet packet)
    {
        var size = _codec.MeasureFrame(packet);
        try
        {
            await _writeLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            _codec.Write(packet, buffer.AsSpan(0, size));
            for (var sent = 0; sent < size;)
                sent += await _socket.SendAsync(buffer.AsMemory(sent, size - sent), SocketFlags.None, _closed.Token).ConfigureAwait(false);
            return size;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _writeLock.Release();
        }
    }

    /// <summary>Closes the socket at once; pending reads and writes end.</summary>
    public void Abort()
    {
        if (_closed.IsCancellationRequested)
            return;
        _closed.Cancel();
        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await Reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
