using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace LoadTestTui.Core.Server;

/// <summary>
/// A session's one ordered writer. Any thread may <see cref="TryEnqueue"/> a whole encoded
/// frame; a single task drains everything queued into the pipe and flushes once per batch, so
/// frames never interleave and a burst of broadcasts becomes a few large sends. With a
/// <see cref="FlushTicker"/> that says the server is busy, a writer that has already flushed during
/// the current tick waits for the next tick before flushing again (frames keep queuing meanwhile),
/// so a session that receives a storm of small frames sends them many per syscall, while a quiet
/// session still sends its first frame at once, and a quiet server never waits. (The writer is woken
/// on the thread pool, not on the enqueuing thread: with inline socket completions that thread is
/// the one epoll thread of a 2-core machine, and every session's sends would then share one core.) The queue is bounded in frames and in bytes: a reader too
/// slow to keep up is dropped, never buffered without limit. While idle it holds no buffer (the
/// pipe returns its segments on flush).
/// </summary>
internal sealed class SessionWriter
{
    /// <summary>Flush at least this often inside one drain, so a long queue starts moving early.</summary>
    private const int BatchBytes = 64 * 1024;

    /// <summary>Segments this large keep a batch to a few send calls (the pipe's own minimum is small).</summary>
    private const int SegmentBytes = 4096;

    private readonly Channel<Outgoing> _queue;
    private readonly PipeWriter _output;
    private readonly ServerCounters _counters;
    private readonly int _maxQueuedBytes;
    private readonly int _maxQueuedFrames;
    private readonly FlushTicker? _ticker;
    private readonly SemaphoreSlim _sending = new(1, 1); // held while bytes go into the pipe and out: by the drain, or by a direct send
    private long _queuedBytes;
    private volatile bool _completed;
    private TaskCompletionSource? _lingering; // set while the drain waits for a tick: completed when the queue gets half full

    /// <param name="ticker">The shared flush clock; null sends every batch as soon as it is queued.</param>
    public SessionWriter(PipeWriter output, ServerCounters counters, int maxQueuedFrames, int maxQueuedBytes, FlushTicker? ticker = null)
    {
        _ticker = ticker;
        _output = output;
        _counters = counters;
        _maxQueuedBytes = maxQueuedBytes;
        _maxQueuedFrames = maxQueuedFrames;
        _queue = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(maxQueuedFrames)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Bytes queued or handed to the pipe but not yet flushed.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Queues <paramref name="frames"/> whole frames, back to back in <paramref name="bytes"/>, as one queue entry.</summary>
    /// <returns>False when the queue is full (entries or bytes) or already completed; nothing is queued.</returns>
    public bool TryEnqueue(ReadOnlyMemory<byte> bytes, int frames = 1)
    {
        if (Interlocked.Add(ref _queuedBytes, bytes.Length) > _maxQueuedBytes || !_queue.Writer.TryWrite(new Outgoing(bytes, frames)))
        {
            Interlocked.Add(ref _queuedBytes, -bytes.Length);
            return false;
        }
        if (Volatile.Read(ref _lingering) is { } lingering && HalfFull())
            lingering.TrySetResult();
        return true;
    }

    /// <summary>
    /// Sends one frame from the calling thread when the server is quiet and this session has nothing
    /// queued or being sent; otherwise queues it like <see cref="TryEnqueue"/>. An answer then leaves
    /// without waking the writer task: on a small VM that wake-up was a good part of a loopback round
    /// trip. Only for one frame at a time (an answer), never for a fan-out, which would put every
    /// recipient's send on one thread.
    /// </summary>
    /// <returns>False when the queue is full or completed; the frame is not sent.</returns>
    public bool TrySendNow(ReadOnlyMemory<byte> frame)
    {
        if (_ticker is { Busy: true } || _completed || _queue.Reader.Count > 0 || !_sending.Wait(0))
            return TryEnqueue(frame);
        if (_completed || _queue.Reader.Count > 0) // queued or completed while we took the turn
        {
            _sending.Release();
            return TryEnqueue(frame);
        }
        Interlocked.Add(ref _queuedBytes, frame.Length);
        var tick = _ticker?.Current;
        var spaceLeft = 0;
        Write(frame.Span, ref spaceLeft);
        _ = FlushDirectAsync(frame.Length);
        // Counted after the send: on a quiet server this wakes the sleeping ticker (a futex wake that
        // took tens of microseconds), and the answer need not wait for it.
        if (tick is not null)
            _ticker!.CountFlush(tick);
        return true;
    }

    /// <summary>
    /// Set before the queue refuses frames for good (closing, or the socket failed), so a refused
    /// frame can be told apart from a full queue: only the latter means a slow reader.
    /// </summary>
    public bool IsCompleted => _completed;

    /// <summary>Whether the writer is holding queued frames back until the tick ends (tests wait for it rather than sleep).</summary>
    public bool Lingering => Volatile.Read(ref _lingering) is not null;

    /// <summary>No more frames: the writer sends what is queued, then ends.</summary>
    public void Complete()
    {
        _completed = true;
        _queue.Writer.TryComplete();
    }

    /// <summary>Drains the queue until <see cref="Complete"/> or a send fails; never throws for transport failures.</summary>
    public async Task RunAsync()
    {
        try
        {
            var reader = _queue.Reader;
            var flushedIn = long.MinValue;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (_ticker is not null)
                {
                    var tick = _ticker.Current;
                    // Sent this tick already: let more frames join the next send, unless the queue is (or
                    // gets) half full, so that lingering never turns a reader who keeps up into a "slow" one.
                    if (tick.Generation == flushedIn && _ticker.Busy && !HalfFull())
                        await LingerAsync(tick).ConfigureAwait(false);
                    tick = _ticker.Current;
                    _ticker.CountFlush(tick);
                    flushedIn = tick.Generation;
                }
                if (!await DrainAsync(reader).ConfigureAwait(false))
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The socket was closed under us (peer gone, or the session was dropped): nothing left to send to.
        }
        finally
        {
            Complete();
            await _sending.WaitAsync().ConfigureAwait(false); // a direct send may still be on its way out
            try
            {
                await _output.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Completing flushes leftovers; a dead socket simply takes them with it.
            }
        }
    }

    private bool HalfFull() => _queue.Reader.Count >= _maxQueuedFrames / 2 || QueuedBytes >= _maxQueuedBytes / 2;

    /// <summary>Waits for the tick to end, or for the queue to get half full meanwhile.</summary>
    private async Task LingerAsync(FlushTick tick)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _lingering, wake);
        if (!HalfFull()) // a frame may have crossed the mark before the signal was published
            await Task.WhenAny(tick.Ended, wake.Task).ConfigureAwait(false);
        Interlocked.Exchange(ref _lingering, null);
    }

    /// <summary>Flushes what <see cref="TrySendNow"/> wrote, then gives the turn back (usually at once: a small send completes synchronously).</summary>
    private async Task FlushDirectAsync(int bytes)
    {
        try
        {
            await _output.FlushAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _counters.FramesOut);
            Interlocked.Add(ref _counters.BytesOut, bytes);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The socket is gone: the writer task finds out on its next send, or has already ended.
        }
        finally
        {
            Interlocked.Add(ref _queuedBytes, -bytes);
            _sending.Release();
        }
    }

    /// <summary>
    /// Sends everything queued, flushing every <see cref="BatchBytes"/> so a long queue starts
    /// moving early. Only a full batch goes on without waiting for a tick: frames that
    /// arrive during a short send wait to join the next one.
    /// </summary>
    /// <returns>False when the transport is gone.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> DrainAsync(ChannelReader<Outgoing> reader)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            return await DrainHeldAsync(reader).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> DrainHeldAsync(ChannelReader<Outgoing> reader)
    {
        while (true)
        {
            long batchBytes = 0;
            var batchFrames = 0;
            var spaceLeft = 0;
            while (batchBytes < BatchBytes && reader.TryRead(out var entry))
            {
                Write(entry.Bytes.Span, ref spaceLeft);
                batchBytes += entry.Bytes.Length;
                batchFrames += entry.Frames;
            }
            if (batchFrames == 0)
                return true;
            var result = await _output.FlushAsync().ConfigureAwait(false);
            Interlocked.Add(ref _queuedBytes, -batchBytes);
            Interlocked.Add(ref _counters.FramesOut, batchFrames);
            Interlocked.Add(ref _counters.BytesOut, batchBytes);
            if (result.IsCompleted || result.IsCanceled)
                return false;
            if (batchBytes < BatchBytes)
                return true;
        }
    }

    /// <summary>
    /// Copies queued bytes into the pipe. Asking for at least <see cref="SegmentBytes"/> whenever the
    /// current segment is too small keeps segments large (each is one send call); <paramref name="spaceLeft"/>
    /// tracks the current segment so a fitting frame never makes the pipe allocate a fresh one. A long
    /// slice of broadcasts fills segments of up to <see cref="BatchBytes"/>.
    /// </summary>
    private void Write(ReadOnlySpan<byte> bytes, ref int spaceLeft)
    {
        while (!bytes.IsEmpty)
        {
            var span = bytes.Length <= spaceLeft
                ? _output.GetSpan(bytes.Length)
                : _output.GetSpan(Math.Clamp(bytes.Length, SegmentBytes, BatchBytes));
            var copied = Math.Min(span.Length, bytes.Length);
            bytes[..copied].CopyTo(span);
            _output.Advance(copied);
            spaceLeft = span.Length - copied;
            bytes = bytes[copied..];
        }
    }

    /// <summary>One queue entry: whole frames back to back (one frame, or a user's slice of a tick's broadcasts).</summary>
    private readonly record struct Outgoing(ReadOnlyMemory<byte> Bytes, int Frames);
}
