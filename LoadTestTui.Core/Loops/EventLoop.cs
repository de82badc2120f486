using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// One thread that owns a share of the bots: their sockets, their timers and the code that runs
/// between them. A bot's sleeps end here, its frames are handled here and its sends leave from
/// here, so its state needs no lock; other threads reach it only by posting work. Bots due in
/// the same millisecond wake in one pass, and every ready socket is read in one pass, instead of
/// each costing a thread-pool hop (and the pool's spin before it sleeps again).
/// </summary>
internal abstract class EventLoop : IDisposable
{
    /// <summary>At most this many timers fire per pass, so sockets are read between long runs of them.</summary>
    private const int MaxTimersPerPass = 4096;

    /// <summary>At most this many posted items run per pass, for the same reason.</summary>
    private const int MaxPostedPerPass = 65_536;

    /// <summary>The size of a small remainder's buffer: larger than most frames of the chat protocol.</summary>
    private const int SmallRemainder = 1024;

    /// <summary>Free small remainders a loop keeps (at most a megabyte).</summary>
    private const int MaxFreeRemainders = 1024;

    /// <summary>The longest single wait: a loop with nothing armed still looks up now and then.</summary>
    private const int MaxWaitMs = 60_000;

    private readonly Thread _thread;
    private readonly ConcurrentQueue<Work> _posted = new();
    private readonly Queue<LoopTimer> _ready = new();
    private readonly PriorityQueue<Armed, long> _timers = new();
    private byte[] _sendBuffer = new byte[4096];
    private readonly Stack<byte[]> _smallRemainders = new();
    private int _wakePending;
    private volatile bool _stopping;
    private long _faults;
    private string? _lastFault;
    private long _waits;
    private long _reads;
    private int _nativeThreadId;

    protected EventLoop(string name) => _thread = new Thread(RunLoop) { IsBackground = true, Name = name };

    private readonly record struct Work(Action<object?> Action, object? State);

    private readonly record struct Armed(LoopTimer Timer, int Generation);

    public string Name => _thread.Name ?? "";

    /// <summary>Whether the caller runs on this loop's thread.</summary>
    public bool IsCurrent => Thread.CurrentThread == _thread;

    /// <summary>Exceptions that escaped work run on this loop (each is a bug; the loop carries on).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    public string? LastFault => Volatile.Read(ref _lastFault);

    /// <summary>What this loop has done so far, and the CPU its thread used (where /proc tells): read from any thread.</summary>
    public LoopFigures Figures
    {
        get
        {
            var (user, kernel) = ThreadCpu();
            return new LoopFigures(Volatile.Read(ref _waits), Volatile.Read(ref _reads), user, kernel);
        }
    }

    /// <summary>Runs <paramref name="action"/> on this loop's thread after the work already posted; safe from any thread.</summary>
    public void Post(Action<object?> action, object? state)
    {
        _posted.Enqueue(new Work(action, state));
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
            Wake();
    }

    /// <summary>Opens a TCP connection for <paramref name="owner"/> (loop thread). It starts <see cref="ConnectionState.Connecting"/>; the owner hears when that changes.</summary>
    public abstract LoopConnection Connect(IPEndPoint remote, IPAddress? local, IConnectionOwner owner, FrameCodec codec);

    /// <summary>A buffer to encode one outgoing frame into (loop thread; valid until the next call).</summary>
    public Span<byte> SendBuffer(int size)
    {
        Debug.Assert(IsCurrent);
        if (_sendBuffer.Length < size)
            _sendBuffer = new byte[Math.Max(size, _sendBuffer.Length * 2)];
        return _sendBuffer.AsSpan(0, size);
    }

    /// <summary>
    /// A buffer for the bytes of a frame that is not whole yet (loop thread). Small remainders (most
    /// frames are under a kilobyte) share one size and come from the loop's own free list, so a loop
    /// that has seen as many at once as it ever holds allocates no more; larger ones (long user
    /// lists) come from the shared pool.
    /// </summary>
    public byte[] RentRemainder(int size)
    {
        Debug.Assert(IsCurrent);
        if (size > SmallRemainder)
            return System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        return _smallRemainders.TryPop(out var buffer) ? buffer : new byte[SmallRemainder];
    }

    public void ReturnRemainder(byte[] buffer)
    {
        if (buffer.Length != SmallRemainder)
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        else if (_smallRemainders.Count < MaxFreeRemainders)
            _smallRemainders.Push(buffer);
    }

    /// <summary>
    /// The bytes this loop's thread has allocated so far, read on that thread and handed back
    /// without allocating after the read (for allocation tests and the bench). Blocks the caller, so
    /// never call it on the loop itself.
    /// </summary>
    public long AllocatedBytes(TimeSpan timeout)
    {
        if (IsCurrent)
            throw new InvalidOperationException("the loop cannot wait for itself");
        using var probe = new AllocationProbe();
        Post(static s => ((AllocationProbe)s!).Read(), probe);
        if (!probe.Done.Wait(timeout))
            throw new TimeoutException($"event loop {Name} did not answer within {timeout.TotalSeconds:0.#} s");
        return probe.Value;
    }

    private sealed class AllocationProbe : IDisposable
    {
        public long Value;

        public ManualResetEventSlim Done { get; } = new();

        public void Read()
        {
            Value = GC.GetAllocatedBytesForCurrentThread();
            Done.Set();
        }

        public void Dispose() => Done.Dispose();
    }

    /// <summary>Ends the loop's thread after the work already posted (an epoll loop closes the sockets it still holds).</summary>
    public void Dispose()
    {
        Post(static s => ((EventLoop)s!)._stopping = true, this);
        if (!IsCurrent && _thread.IsAlive)
            _thread.Join(TimeSpan.FromSeconds(5));
        GC.SuppressFinalize(this);
    }

    protected void StartThread() => _thread.Start();

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1: no limit) for I/O or a wake-up, and handles the I/O that is ready.</summary>
    protected abstract void WaitForEvents(int timeoutMs);

    /// <summary>Interrupts <see cref="WaitForEvents"/>, from any thread.</summary>
    protected abstract void Wake();

    /// <summary>Releases the backend's handles once the thread has ended.</summary>
    protected abstract void ReleaseHandles();

    /// <summary>Counts a read that brought bytes (loop thread).</summary>
    protected void CountRead() => _reads++;

    /// <summary>Counts a return from waiting for I/O (loop thread).</summary>
    protected void CountWait() => _waits++;

    /// <summary>Counts a bug that escaped onto the loop; the caller carries on.</summary>
    protected void Fault(Exception ex)
    {
        Interlocked.Increment(ref _faults);
        Volatile.Write(ref _lastFault, $"{ex.GetType().Name}: {ex.Message}");
    }

    internal void Arm(LoopTimer timer, int generation, long due) => _timers.Enqueue(new Armed(timer, generation), due);

    internal void Ready(LoopTimer timer) => _ready.Enqueue(timer);

    private void RunLoop()
    {
        if (OperatingSystem.IsLinux())
            Volatile.Write(ref _nativeThreadId, Libc.GetTid());
        while (!_stopping)
        {
            // A full fence before draining: a post that lands after this point wakes the wait below.
            Interlocked.Exchange(ref _wakePending, 0);
            RunPosted();
            RunReady();
            var timeout = RunDueTimers();
            if (_ready.Count > 0 || !_posted.IsEmpty || _stopping)
                timeout = 0;
            try
            {
                WaitForEvents(timeout);
            }
            catch (Exception ex)
            {
                Fault(ex);
            }
        }
        ReleaseHandles();
    }

    private void RunPosted()
    {
        for (var i = 0; i < MaxPostedPerPass && _posted.TryDequeue(out var work); i++)
        {
            try
            {
                work.Action(work.State);
            }
            catch (Exception ex)
            {
                Fault(ex);
            }
        }
    }

    private void RunReady()
    {
        // Only what was ready when the pass began: a sleeper poked again while running waits for the next pass.
        for (var count = _ready.Count; count > 0 && _ready.TryDequeue(out var timer); count--)
        {
            try
            {
                timer.Wake();
            }
            catch (Exception ex)
            {
                Fault(ex);
            }
        }
    }

    /// <summary>Fires the timers that are due; returns how long the wait may last (ms, -1 for no limit).</summary>
    private int RunDueTimers()
    {
        var now = MonoClock.Now;
        for (var fired = 0; _timers.TryPeek(out var armed, out var due); fired++)
        {
            if (due > now)
                return WaitMs(due - now);
            if (fired == MaxTimersPerPass)
                return 0;
            _timers.Dequeue();
            try
            {
                armed.Timer.Fire(armed.Generation);
            }
            catch (Exception ex)
            {
                Fault(ex);
            }
        }
        return MaxWaitMs;
    }

    private (TimeSpan? User, TimeSpan? Kernel) ThreadCpu()
    {
        var tid = Volatile.Read(ref _nativeThreadId);
        if (tid == 0)
            return (null, null);
        try
        {
            return Monitoring.ProcPidStat.TryParse(File.ReadAllText($"/proc/self/task/{tid}/stat"), out var stat)
                ? (Monitoring.CpuPercent.FromTicks(stat.UserTicks), Monitoring.CpuPercent.FromTicks(stat.SystemTicks))
                : (null, null);
        }
        catch (IOException)
        {
            return (null, null);
        }
    }

    /// <summary>Milliseconds to wait for <paramref name="ticks"/> to pass, rounded up so a timer never fires early.</summary>
    internal static int WaitMs(long ticks)
    {
        var capped = Math.Min(ticks, MaxWaitMs / 1000 * Stopwatch.Frequency);
        return (int)((capped * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
    }
}
