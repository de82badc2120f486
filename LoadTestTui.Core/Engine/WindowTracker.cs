using System.Collections.Immutable;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// The windowed figures of a run, shared by every engine (<see cref="BotEngine"/> and a
/// cluster's controller): each tick adds its interval histograms and the run's counters to a
/// <see cref="WindowRing"/>, keeps the online ratio's running sum, and answers the windows asked
/// for with <see cref="Track"/>. Called under its engine's lock.
/// </summary>
internal sealed class WindowTracker(TimeSpan tick)
{
    
    private readonly int _capacity = (int)Math.Ceiling(WindowLimits.MaxSpan / tick) + 1;
    private WindowRing _ring = new(1);
    private long _ratioSum;
    private long _ratioTicks;
    private ImmutableSortedDictionary<TimeSpan, WindowRing.Rolling> _windows = ImmutableSortedDictionary<TimeSpan, WindowRing.Rolling>.Empty;

    /// <summary>Every later tick's snapshot carries the figures of the trailing <paramref name="span"/>.</summary>
    public void Track(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span, WindowLimits.MaxSpan);
        if (!_windows.ContainsKey(span))
            _windows = _windows.Add(span, new WindowRing.Rolling());
    }

    /// <summary>Forgets the previous run's ticks (the tracked spans stay).</summary>
    public void Reset()
    {
        _ring = new WindowRing(_capacity);
        foreach (var window in _windows.Values)
            window.Restart();
        _ratioSum = 0;
        _ratioTicks = 0;
    }

    /// <summary>Adds one tick and returns the whole run's figures, with their online ratio.</summary>
    /// <param name="elapsed">The run's time at this tick.</param>
    /// <param name="counters">The run's counters as of this tick.</param>
    /// <param name="interval">This tick's latency values.</param>
    /// <param name="cumulative">The whole run's latency summaries.</param>
    /// <param name="target">The bots the run wants now.</param>
    /// <param name="counting">Whether this tick counts toward the online ratio (the run is active and not stopping).</param>
    public RunFigures Record(TimeSpan elapsed, RunCounters counters, LatencySet interval, LatencyFigures cumulative, int target, bool counting)
    {
        var online = counters.States.Online;
        if (counters.TotalBots > 0 && counting)
        {
            _ratioSum += (long)Math.Round(Math.Min(1, (double)online / counters.TotalBots) * WindowRing.RatioScale);
            _ratioTicks++;
        }
        _ring.Add(new WindowRing.Sample(
            elapsed,
            [.. interval.Kinds.Select(k => (k, HistogramSlice.Of(interval.For(k))))],
            new WindowRing.Totals(counters, _ratioSum, _ratioTicks, online, target)));
        return new RunFigures
        {
            Span = elapsed,
            Latency = cumulative,
            Counters = counters,
            OnlineRatio = WindowRing.MeanRatio(_ratioSum, _ratioTicks),
            Online = online,
            Target = target,
        };
    }

    /// <summary>The figures of the ticks after run time <paramref name="from"/>.</summary>
    public RunFigures Since(TimeSpan from) => _ring.Since(from);

    /// <summary>Each tracked window's figures, ending at run time <paramref name="elapsed"/>.</summary>
    public ImmutableDictionary<TimeSpan, RunFigures> Windows(TimeSpan elapsed) => _windows.ToImmutableDictionary(w => w.Key, w => _ring.Since(elapsed - w.Key, w.Value));
}
