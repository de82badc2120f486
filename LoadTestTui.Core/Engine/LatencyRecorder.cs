using HdrHistogram;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// One latency distribution shared by every bot: a concurrent HdrHistogram recorder in
/// microseconds, read once per tick into an interval histogram that is also folded into
/// the run's cumulative one.
/// </summary>
internal sealed class LatencyRecorder
{
    private const long Lowest = 1;
    private const long Highest = 3_600_000_000; // one hour in microseconds
    private const int Digits = 3;

    // Concurrent histograms: many bots record into the active one at once.
    private readonly Recorder _recorder = new(Lowest, Highest, Digits, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));
    private readonly LongHistogram _cumulative = new(Lowest, Highest, Digits);
    private readonly LongHistogram _second = new(Lowest, Highest, Digits);
    private HistogramBase? _interval;
    private (long Count, string Text) _encoded = (0, "");

    public void Record(long microseconds) => _recorder.RecordValue(Math.Clamp(microseconds, Lowest, Highest));

    /// <summary>Takes the values recorded since the last call; returns (interval, cumulative). Called by one thread only.</summary>
    public (LatencySummary Interval, LatencySummary Cumulative) Roll()
    {
        _interval = _recorder.GetIntervalHistogram(_interval);
        _cumulative.Add(_interval);
        _second.Add(_interval);
        return (Summarize(_interval), Summarize(_cumulative));
    }

    /// <summary>The values rolled since the last call (one timeline second), then starts the next.</summary>
    public LatencySummary TakeSecond()
    {
        var summary = Summarize(_second);
        _second.Reset();
        return summary;
    }

    /// <summary>The run's cumulative histogram, encoded for export (re-encoded only when it changed). Tick thread only, like <see cref="Roll"/>.</summary>
    public string EncodeCumulative()
    {
        if (_encoded.Count != _cumulative.TotalCount)
            _encoded = (_cumulative.TotalCount, Export.HistogramCodec.Encode(_cumulative));
        return _encoded.Text;
    }

    public static LatencySummary Summarize(HistogramBase h)
    {
        if (h.TotalCount == 0)
            return LatencySummary.Empty;
        static double Ms(long us) => us / 1000.0;
        return new LatencySummary(
            h.TotalCount,
            Ms(h.GetValueAtPercentile(0)),
            h.GetMean() / 1000.0,
            Ms(h.GetValueAtPercentile(50)),
            Ms(h.GetValueAtPercentile(90)),
            Ms(h.GetValueAtPercentile(95)),
            Ms(h.GetValueAtPercentile(99)),
            Ms(h.GetValueAtPercentile(99.9)),
            Ms(h.GetMaxValue()));
    }
}
