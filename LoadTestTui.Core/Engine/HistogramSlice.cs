using HdrHistogram;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// One tick's interval histogram, kept as its non-empty buckets only. A full copy of the
/// recorders' histogram is 188 KB (1 µs to 1 h at 3 digits) whatever it holds; a tick holds a
/// few hundred values at most, so a ring of windows this way costs kilobytes, not gigabytes.
/// Merging the buckets back is exact: each bucket's top value maps to the same bucket.
/// </summary>
internal sealed class HistogramSlice
{
    public static HistogramSlice Empty { get; } = new([], []);

    private readonly long[] _values;
    private readonly long[] _counts;

    private HistogramSlice(long[] values, long[] counts)
    {
        _values = values;
        _counts = counts;
    }

    public static HistogramSlice Of(HistogramBase? histogram)
    {
        if (histogram is null || histogram.TotalCount == 0)
            return Empty;
        var values = new List<long>();
        var counts = new List<long>();
        foreach (var bucket in histogram.RecordedValues())
        {
            values.Add(bucket.ValueIteratedTo);
            counts.Add(bucket.CountAtValueIteratedTo);
        }
        return new HistogramSlice([.. values], [.. counts]);
    }

    public void AddTo(HistogramBase target)
    {
        for (var i = 0; i < _values.Length; i++)
            target.RecordValueWithCount(_values[i], _counts[i]);
    }
}
