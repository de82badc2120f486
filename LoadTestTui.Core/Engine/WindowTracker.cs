using System.Collections.Immutable;
using HdrHistogram;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// The windowed figures of a run, shared by every engine (<see cref="BotEngine"/> and a
/// cluster's controller): each tick adds its interval histograms and the run's counters to a
/// <see cref="WindowRing"/>, keeps the online ratio's running sum, and answers the windows asked
/// for with <see cref="Track"/>. Called under its engine's lock.
/// </summary>
internal sealed class WindowTracker(TimeSpan tick)
{
    /// <summary>How far back windowed figures reach (thresholds "over" a span, capacity steps).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromMinutes(15);

    private readonly int _capacity = (int)Math.Ceiling(MaxWindow / tick) + 1;
    private WindowRing _ring = new(1);
    private long _ratioSum;
    private long _ratioTicks;
    private ImmutableSortedDictionary<TimeSpan, WindowRing.Rolling> _windows = ImmutableSortedDictionary<TimeSpan, WindowRing.Rolling>.Empty;

    /// <summary>Every later tick's snapshot carries the figures of the trailing <paramref name="span"/>.</summary>
    public void Track(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span, MaxWindow);
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

    /// <summary>
    /// Adds one tick and returns the whole run's figures with their online ratio.
    /// </summary>
    /// <param name="run">The run's figures as of this tick: cumulative counters and latencies, online and target; <see cref="RunFigures.Span"/> is the run's elapsed time.</param>
    /// <param name="intervals">This tick's values: chat RTT, ping RTT, fan-out, registration, connect time.</param>
    /// <param name="assigned">Bots assigned now (the online ratio's denominator).</param>
    /// <param name="counting">Whether this tick counts toward the online ratio (the run is active and not stopping).</param>
    public RunFigures Record(RunFigures run, IReadOnlyList<HistogramBase> intervals, int assigned, bool counting)
    {
        if (assigned > 0 && counting)
        {
            _ratioSum += (long)Math.Round(Math.Min(1, (double)run.Online / assigned) * WindowRing.RatioScale);
            _ratioTicks++;
        }
        _ring.Add(new WindowRing.Sample(
            run.Span,
            HistogramSlice.Of(intervals[0]),
            HistogramSlice.Of(intervals[1]),
            HistogramSlice.Of(intervals[2]),
            new WindowRing.Totals(run.MessagesSent, run.MessagesReceived, run.PingsSent, run.Connects, run.Errors,
                [.. ErrorKinds.All.Select(k => run.ErrorsByKind.GetValueOrDefault(k))], run.DeliveryExpected, run.DeliveryReceived, run.Lost,
                run.Duplicated, run.OutOfOrder, _ratioSum, _ratioTicks, run.Online, run.Target))
        {
            Registration = HistogramSlice.Of(intervals[3]),
            Connect = HistogramSlice.Of(intervals[4]),
        });
        return run with { OnlineRatio = WindowRing.MeanRatio(_ratioSum, _ratioTicks) };
    }

    /// <summary>The figures of the ticks after run time <paramref name="from"/>.</summary>
    public RunFigures Since(TimeSpan from) => _ring.Since(from);

    /// <summary>Each tracked window's figures, ending at run time <paramref name="elapsed"/>.</summary>
    public ImmutableDictionary<TimeSpan, RunFigures> Windows(TimeSpan elapsed) => _windows.ToImmutableDictionary(w => w.Key, w => _ring.Since(elapsed - w.Key, w.Value));
}
