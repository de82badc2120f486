namespace LoadTestTui.Core.Bots;

/// <summary>
/// Paces the whole run's reconnects, on top of each bot's own backoff: turns are handed out
/// one every 1/rate seconds, each at a random point of its slot, with a small burst allowed
/// after a quiet spell. So when a server drops every connection at once, the crowd returns at
/// a bounded rate instead of in one wave. Time is passed in, so the rule is testable without a clock.
/// </summary>
public sealed class ReconnectPacer
{
    private readonly Lock _gate = new();
    private readonly long _interval;
    private readonly long _burstSpan;
    private long _next = long.MinValue;

    /// <param name="perSecond">Reconnects per second over the whole run.</param>
    /// <param name="burst">Turns that may be taken at once after a quiet spell.</param>
    /// <param name="ticksPerSecond">The tick unit of the times passed in.</param>
    public ReconnectPacer(double perSecond, int burst, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _interval = Math.Max(1, (long)(ticksPerSecond / perSecond));
        _burstSpan = Math.Max(0, burst) * _interval;
    }

    /// <summary>Reserves the next turn; returns when (in ticks, never before <paramref name="nowTicks"/>) the caller may reconnect.</summary>
    /// <param name="jitter01">A random number in [0, 1): where in its slot the turn falls.</param>
    public long Reserve(long nowTicks, double jitter01)
    {
        long slot;
        lock (_gate)
        {
            _next = Math.Max(_next, nowTicks - _burstSpan);
            slot = _next;
            _next += _interval;
        }
        var at = slot + (long)(Math.Clamp(jitter01, 0, 0.999) * _interval);
        return Math.Max(nowTicks, at);
    }
}
