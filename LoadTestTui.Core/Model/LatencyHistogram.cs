using HdrHistogram;

namespace LoadTestTui.Core.Model;

/// <summary>
/// The shape every latency histogram of the tool shares (microseconds, 1 µs to one hour, three
/// significant digits), so recorders, windows, agents and reports merge each other's exactly.
/// </summary>
public static class LatencyHistogram
{
    public const long Lowest = 1;
    public const long Highest = 3_600_000_000; // one hour in microseconds
    public const int Digits = 3;

    public static LongHistogram New() => new(Lowest, Highest, Digits);

    /// <summary>
    /// Count, min, mean, percentiles and max in one walk over the recorded values, with the same
    /// values as HdrHistogram's own <c>GetValueAtPercentile</c>, <c>GetMean</c> and <c>GetMaxValue</c>,
    /// which walk the histogram once each (eight walks per summary, many summaries per tick).
    /// </summary>
    public static LatencySummary Summarize(HistogramBase h)
    {
        ArgumentNullException.ThrowIfNull(h);
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
}
