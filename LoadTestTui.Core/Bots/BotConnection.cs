using System.IO.Pipelines;
using System.Net.Sockets;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// One TCP connection of a bot: a pipe reader for the frame loop and one serialized writer,
/// so a broadcast and the bot's own timers never interleave frames.
/// </summary>
internal sealed class BotConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly FrameCodec _codec;
    private readonly EngineCounters _counters;
    private readonly CancellationTokenSource _closed = new();

    public BotConnection(Socket socket, FrameCodec codec, EngineCounters counters)
    {
        _socket = socket;
        _codec = codec;
        _counters = counters;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Reader = SocketPipes.CreateReader(_stream);
        _writer = SocketPipes.CreateWriter(_stream);
    }

    public PipeReader Reader { get; }

    /// <summary>Cancelled when the connection is aborted: ends the frame loop.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Sends one frame; false when the connection is gone (the caller decides whether that is an error).</summary>
    public async ValueTask<bool> TrySendAsync(Packet packet)
    {
        try
        {
            await _writeLock.WaitAsync(_closed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        try
        {
            var size = _codec.Write(packet, _writer);
            var result = await _writer.FlushAsync(_closed.Token).ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
                return false;
            Interlocked.Increment(ref _counters.FramesSent);
            Interlocked.Add(ref _counters.BytesSent, size);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes the socket at once; pending reads and writes end.</summary>
    public void Abort()
    {
        if (_closed.IsCancellationRequested)
            return;
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        _socket.Dispose();
    }

    /// <summary>Aborts, then completes the pipes once no send is in flight (pipes are not thread-safe).</summary>
    public async ValueTask DisposeAsync()
    {
        Abort();
        await _writeLock.WaitAsync().ConfigureAwait(false);
        await _writer.CompleteAsync().ConfigureAwait(false);
        await Reader.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        // The lock stays taken: every later send fails fast on the closed token.
    }
}
