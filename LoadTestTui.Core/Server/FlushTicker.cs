namespace LoadTestTui.Core.Server;

/// <summary>
/// The one clock that busy session writers share. While the server is <see cref="Busy"/>, a writer
/// that has already flushed during the current tick waits for the next one before it sends again,
/// so under a broadcast storm every session sends many frames per syscall, with one timer for the
/// whole server rather than one per session. A session that has not sent during the current tick
/// sends at once, and while the server is not busy nobody waits at all, so a quiet server adds no
/// latency (an echo and a pong a few milliseconds apart both leave at once). The period is the
/// configured linger, stretched (up to <see cref="MaxPeriod"/>)
/// when the writers that sent during the last tick would add up to more than
/// <see cref="FlushesPerSecond"/> sends a second: a join storm among N users is N^2 frames, and
/// with thousands of sessions a fixed few-millisecond linger still meant one send per frame.
/// A whole tick in which nobody sent puts the ticker to sleep until sends add up to a busy tick's.
/// </summary>
internal sealed class FlushTicker : IDisposable
{
    /// <summary>
    /// The send rate the period is stretched to respect. A loopback send costs the sender ~20 us
    /// of CPU on a 2-core VM (the receiver's TCP work runs in the sender's syscall), so 20,000 a
    /// second is ~40 % of a core. At 50,000 (and a 200 ms ceiling) a join storm past 10,000 users
    /// kept the server on a whole core of sends and registered 10-20 users a second; at 20,000 (and
    /// 1 s) the same storm registered 17,192 users in 200 s instead of 11,897, and a 1,000-bot
    /// chat (3-8 s) cost the bots 22 % less CPU for an echo p50 of 36 ms instead of 15 ms.
    /// </summary>
    public const int FlushesPerSecond = 20_000;

    /// <summary>
    /// Below this many sends a second (server-wide, over the last tick) the server is not busy and
    /// writers send every frame at once: a few thousand syscalls a second cost well under 5 % of a
    /// core, while lingering would add up to a tick to every second frame. 500 bots chatting every
    /// 3-8 s already make ~45,000 deliveries a second, so any real load coalesces.
    /// </summary>
    public const int BusyFlushesPerSecond = 5_000;

    /// <summary>However many sessions are open, a busy session still sends at least this often.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromSeconds(1);

    /// <summary>What writers see once the ticker has stopped: already over, so nobody waits on it.</summary>
    private static readonly FlushTick Stopped = FlushTick.Over(long.MaxValue);

    private readonly Lock _gate = new();
    private readonly TimeSpan _linger;
    private readonly double _busyFlushesPerSecond;
    private readonly TimeProvider _time;
    private PeriodicTimer _timer;
    private FlushTick _current = new(0);
    private volatile bool _busy;
    private bool _disposed;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sleeping; // 1 while the ticker sleeps through an idle spell: the next flush wakes it
    private Action? _onTick;

    /// <param name="linger">The shortest period.</param>
    /// <param name="busyFlushesPerSecond">The send rate from which writers linger; 0 makes them always linger.</param>
    /// <param name="time">The clock the ticks follow; tests pass a fake one so a tick ends only when they say.</param>
    public FlushTicker(TimeSpan linger, double busyFlushesPerSecond = BusyFlushesPerSecond, TimeProvider? time = null)
    {
        _linger = linger;
        _busyFlushesPerSecond = busyFlushesPerSecond;
        _time = time ?? TimeProvider.System;
        _busy = busyFlushesPerSecond <= 0;
        WakeAfterFlushes = Math.Max(1, (int)Math.Ceiling(busyFlushesPerSecond * linger.TotalSeconds));
        _timer = new PeriodicTimer(linger, _time);
        _ = RunAsync();
    }

    /// <summary>The tick in progress; its <see cref="FlushTick.Ended"/> completes when the next one begins.</summary>
    public FlushTick Current => Volatile.Read(ref _current);

    /// <summary>Whether writers sent at least <see cref="BusyFlushesPerSecond"/> a second during the last tick: only then do they linger.</summary>
    public bool Busy => _busy;

    /// <summary>The current period: the linger, or longer while many sessions send.</summary>
    public TimeSpan Period
    {
        get
        {
            lock (_gate)
                return _timer.Period;
        }
    }

    /// <summary>Whether the ticker is sleeping through an idle spell (no timer armed).</summary>
    public bool Sleeping => Volatile.Read(ref _sleeping) != 0;

    /// <summary>The period after a tick in which <paramref name="flushes"/> writers sent: the linger, stretched to keep them within <see cref="FlushesPerSecond"/>.</summary>
    public static TimeSpan PeriodFor(int flushes, TimeSpan linger)
    {
        var ceiling = linger > MaxPeriod ? linger : MaxPeriod;
        var needed = TimeSpan.FromSeconds(flushes / (double)FlushesPerSecond);
        return needed <= linger ? linger : needed >= ceiling ? ceiling : needed;
    }

    /// <summary>
    /// Sends counted in an idle spell before they wake a sleeping ticker: as many as make one tick
    /// busy. A quiet server's answers leave it asleep (waking it cost a thread-pool wake-up and a
    /// spinning worker per pong, on a loopback round trip of ~100 us); a burst wakes it at once.
    /// </summary>
    public int WakeAfterFlushes { get; }

    /// <summary>Counts one writer's send during <paramref name="tick"/>; a sleeping ticker wakes once the idle spell has seen <see cref="WakeAfterFlushes"/> of them.</summary>
    public void CountFlush(FlushTick tick)
    {
        if (tick.CountFlush() >= WakeAfterFlushes)
            Wake();
    }

    /// <summary>Wakes a ticker that sleeps through an idle spell (work is waiting for the next tick).</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _sleeping) != 0 && Interlocked.Exchange(ref _sleeping, 0) != 0)
            _wake.TrySetResult();
    }

    /// <summary>
    /// Runs <paramref name="action"/> at each tick, after the new tick has begun and before the waiters of the
    /// old one wake, so what it queues leaves with their next send.
    /// </summary>
    public void OnTick(Action action) => _onTick += action;

    /// <summary>Stops ticking and releases every waiter; later waits complete at once.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
        _wake.TrySetResult();
    }

    private async Task RunAsync()
    {
        while (await NextTickAsync().ConfigureAwait(false))
        {
            var ended = Current;
            Volatile.Write(ref _current, new FlushTick(ended.Generation + 1));
            _busy = ended.Flushes >= _busyFlushesPerSecond * Period.TotalSeconds;
            _onTick?.Invoke();
            ended.End();
            var period = PeriodFor(ended.Flushes, _linger);
            // Whole milliseconds: a period that changes on every tick would re-arm the timer every tick.
            lock (_gate)
            {
                if (!_disposed && Math.Abs((period - _timer.Period).TotalMilliseconds) >= 1)
                    _timer.Period = period;
            }
            if (ended.Flushes == 0 && !await SleepUntilFlushAsync().ConfigureAwait(false))
                break;
        }
        Interlocked.Exchange(ref _current, Stopped).End();
    }

    private ValueTask<bool> NextTickAsync()
    {
        lock (_gate)
            return _disposed ? ValueTask.FromResult(false) : _timer.WaitForNextTickAsync();
    }

    /// <summary>
    /// A whole tick without a send: disarm the timer until writers send enough to matter again, so an
    /// idle or quiet server costs no wake-ups (on a small VM each timer wake-up costs a few hundred
    /// microseconds of CPU). The tick in progress lasts until then; nobody lingers on it (the server
    /// is not busy while the ticker sleeps).
    /// </summary>
    /// <returns>False once disposed.</returns>
    private async Task<bool> SleepUntilFlushAsync()
    {
        TimeSpan period;
        lock (_gate)
        {
            if (_disposed)
                return false;
            period = _timer.Period;
            _timer.Dispose();
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        Interlocked.Exchange(ref _sleeping, 1);
        // A writer may have sent just before the flag was up: it could not see it, so look once more.
        if (Current.Flushes > 0)
            Interlocked.Exchange(ref _sleeping, 0);
        else
            await _wake.Task.ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
                return false;
            _timer = new PeriodicTimer(period, _time);
        }
        // The idle spell's tick ends on waking: its sends were spread over the whole spell, so they
        // say nothing of how busy the server is now; the next tick measures that.
        var idle = Current;
        Volatile.Write(ref _current, new FlushTick(idle.Generation + 1));
        _onTick?.Invoke();
        idle.End();
        return true;
    }
}
