using HdrHistogram;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// One latency distribution of a run, in microseconds. Bots record into a histogram of their
/// own thread (a slot per recording thread), so recording never contends with another thread and
/// never touches a shared cache line; once per tick <see cref="Roll"/> swaps each slot's histogram
/// for its spare and merges what was recorded into the interval histogram, which is also folded
/// into the run's cumulative one and the current timeline second's.
/// </summary>
internal sealed class LatencyRecorder : IDisposable
{
    private const long Lowest = 1;
    private const long Highest = 3_600_000_000; // one hour in microseconds
    private const int Digits = 3;

    private readonly ThreadLocal<Slot> _slots = new(() => new Slot(), trackAllValues: true);
    private readonly LongHistogram _interval = new(Lowest, Highest, Digits);
    private readonly LongHistogram _cumulative = new(Lowest, Highest, Digits);
    private readonly LongHistogram _second = new(Lowest, Highest, Digits);
    private readonly LongHistogram? _unreported;
    private (long Count, string Text) _encoded = (0, "");

    /// <param name="keepUnreported">Also keep every rolled value until <see cref="TakeUnreported"/> (a load agent ships them).</param>
    public LatencyRecorder(bool keepUnreported = false)
    {
        if (keepUnreported)
            _unreported = new LongHistogram(Lowest, Highest, Digits);
    }

    /// <summary>An empty histogram with the recorders' range and precision, to merge intervals into.</summary>
    public static LongHistogram NewHistogram() => new(Lowest, Highest, Digits);

    /// <summary>Records one value; callable from any thread, allocation-free after a thread's first value.</summary>
    public void Record(long microseconds) => _slots.Value!.Record(Math.Clamp(microseconds, Lowest, Highest));

    /// <summary>The values of the last <see cref="Roll"/>. Valid until the next Roll; read it on the rolling (tick) thread only.</summary>
    public HistogramBase IntervalHistogram => _interval;

    /// <summary>Every value rolled so far. Valid until the next Roll; read it on the rolling (tick) thread only.</summary>
    public HistogramBase CumulativeHistogram => _cumulative;

    /// <summary>Takes the values recorded since the last call; returns (interval, cumulative). Called by one thread only.</summary>
    public (LatencySummary Interval, LatencySummary Cumulative) Roll()
    {
        _interval.Reset();
        foreach (var slot in _slots.Values)
            slot.MoveTo(_interval);
        _cumulative.Add(_interval);
        _second.Add(_interval);
        _unreported?.Add(_interval);
        return (Summarize(_interval), Summarize(_cumulative));
    }

    /// <summary>The values rolled since the last call (one timeline second), then starts the next.</summary>
    public LatencySummary TakeSecond()
    {
        var summary = Summarize(_second);
        _second.Reset();
        return summary;
    }

    /// <summary>A copy of the values rolled since the last call (empty unless kept), then starts afresh. Called under the engine lock.</summary>
    public HistogramBase TakeUnreported()
    {
        if (_unreported is null)
            return NewHistogram();
        var copy = _unreported.Copy();
        _unreported.Reset();
        return copy;
    }

    /// <summary>The run's cumulative histogram, encoded for export (re-encoded only when it changed). Tick thread only, like <see cref="Roll"/>.</summary>
    public string EncodeCumulative()
    {
        if (_encoded.Count != _cumulative.TotalCount)
            _encoded = (_cumulative.TotalCount, Export.HistogramCodec.Encode(_cumulative));
        return _encoded.Text;
    }

    /// <summary>
    /// Count, min, mean, percentiles and max in one walk over the recorded values, with the same
    /// values as HdrHistogram's own <c>GetValueAtPercentile</c>, <c>GetMean</c> and <c>GetMaxValue</c>,
    /// which walk the histogram once each (eight walks per summary, ten summaries per tick).
    /// </summary>
    public static LatencySummary Summarize(HistogramBase h)
    {
        var total = h.TotalCount;
        if (total == 0)
            return LatencySummary.Empty;
        ReadOnlySpan<double> percentiles = [50, 90, 95, 99, 99.9];
        Span<long> ranks = stackalloc long[percentiles.Length];
        Span<long> values = stackalloc long[percentiles.Length];
        for (var i = 0; i < ranks.Length; i++)
            ranks[i] = Math.Max(1, (long)(percentiles[i] / 100.0 * total + 0.5));
        long min = -1, max = 0, totalValue = 0;
        var next = 0;
        foreach (var bucket in h.RecordedValues())
        {
            if (min < 0)
                min = bucket.ValueIteratedTo; // as GetValueAtPercentile(0): the first bucket's highest equivalent value
            while (next < ranks.Length && bucket.TotalCountToThisValue >= ranks[next])
                values[next++] = bucket.ValueIteratedTo;
            max = bucket.ValueIteratedTo;
            totalValue = bucket.TotalValueToThisValue;
        }
        static double Ms(long us) => us / 1000.0;
        return new LatencySummary(
            total,
            Ms(min),
            totalValue * 1.0 / total / 1000.0,
            Ms(values[0]),
            Ms(values[1]),
            Ms(values[2]),
            Ms(values[3]),
            Ms(values[4]),
            Ms(h.HighestEquivalentValue(max)));
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// One thread's histogram and its spare. The lock is taken by that thread for each value and
    /// by the roll only to swap the two, never while merging, so a recording thread (often a
    /// socket's epoll thread) never waits longer than a swap.
    /// </summary>
    private sealed class Slot
    {
        private readonly Lock _gate = new();
        private IntHistogram _active = New();
        private IntHistogram _spare = New();

        public void Record(long value)
        {
            lock (_gate)
                _active.RecordValue(value);
        }

        /// <summary>Adds what was recorded since the last call to <paramref name="target"/>; called by the rolling thread.</summary>
        public void MoveTo(HistogramBase target)
        {
            IntHistogram recorded;
            lock (_gate)
            {
                if (_active.TotalCount == 0)
                    return;
                recorded = _active;
                _active = _spare;
            }
            target.Add(recorded);
            recorded.Reset();
            _spare = recorded; // only the rolling thread reads or writes the spare
        }

        // Int counts: a slot holds one tick of one thread's values, far below 2^31 per bucket.
        private static IntHistogram New() => new(Lowest, Highest, Digits);
    }
}
