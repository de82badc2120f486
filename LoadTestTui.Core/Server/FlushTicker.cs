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
/// </summary>
internal sealed class FlushTicker : IDisposable
{
    /// <summary>
    /// The send rate the period is stretched to respect. A loopback send costs several
    /// microseconds on both ends; measured on 2 cores, 50,000 keeps a 1,000-user chat at the
    /// plain linger while a join storm among 6,000+ users sends ~40 frames per syscall.
    /// </summary>
    public const int FlushesPerSecond = 50_000;

    /// <summary>
    /// Below this many sends a second (server-wide, over the last tick) the server is not busy and
    /// writers send every frame at once: a few thousand syscalls a second cost well under 5 % of a
    /// core, while lingering would add up to a tick to every second frame. 500 bots chatting every
    /// 3-8 s already make ~45,000 deliveries a second, so any real load coalesces.
    /// </summary>
    public const int BusyFlushesPerSecond = 5_000;

    /// <summary>However many sessions are open, a busy session still sends at least this often.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromMilliseconds(200);

    /// <summary>What writers see once the ticker has stopped: already over, so nobody waits on it.</summary>
    private static readonly FlushTick Stopped = FlushTick.Over(long.MaxValue);

    private readonly PeriodicTimer _timer;
    private readonly TimeSpan _linger;
    private readonly double _busyFlushesPerSecond;
    private FlushTick _current = new(0);
    private volatile bool _busy;

    /// <param name="linger">The shortest period.</param>
    /// <param name="busyFlushesPerSecond">The send rate from which writers linger; 0 makes them always linger.</param>
    public FlushTicker(TimeSpan linger, double busyFlushesPerSecond = BusyFlushesPerSecond)
    {
        _linger = linger;
        _busyFlushesPerSecond = busyFlushesPerSecond;
        _busy = busyFlushesPerSecond <= 0;
        _timer = new PeriodicTimer(linger);
        _ = RunAsync();
    }

    /// <summary>The tick in progress; its <see cref="FlushTick.Ended"/> completes when the next one begins.</summary>
    public FlushTick Current => Volatile.Read(ref _current);

    /// <summary>Whether writers sent at least <see cref="BusyFlushesPerSecond"/> a second during the last tick: only then do they linger.</summary>
    public bool Busy => _busy;

    /// <summary>The current period: the linger, or longer while many sessions send.</summary>
    public TimeSpan Period => _timer.Period;

    /// <summary>The period after a tick in which <paramref name="flushes"/> writers sent: the linger, stretched to keep them within <see cref="FlushesPerSecond"/>.</summary>
    public static TimeSpan PeriodFor(int flushes, TimeSpan linger)
    {
        var ceiling = linger > MaxPeriod ? linger : MaxPeriod;
        var needed = TimeSpan.FromSeconds(flushes / (double)FlushesPerSecond);
        return needed <= linger ? linger : needed >= ceiling ? ceiling : needed;
    }

    /// <summary>Stops ticking and releases every waiter; later waits complete at once.</summary>
    public void Dispose() => _timer.Dispose();

    private async Task RunAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var ended = Current;
            Volatile.Write(ref _current, new FlushTick(ended.Generation + 1));
            _busy = ended.Flushes >= _busyFlushesPerSecond * _timer.Period.TotalSeconds;
            ended.End();
            var period = PeriodFor(ended.Flushes, _linger);
            // Whole milliseconds: a period that changes on every tick would re-arm the timer every tick.
            if (Math.Abs((period - _timer.Period).TotalMilliseconds) >= 1)
                _timer.Period = period;
        }
        Interlocked.Exchange(ref _current, Stopped).End();
    }
}
