using HdrHistogram;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// One tick's interval histogram, kept as its non-empty buckets only, packed: each bucket is the
/// distance from the previous bucket's value and its count, as variable-length integers (mostly
/// one or two bytes each). A full copy of the recorders' histogram is 188 KB (1 µs to 1 h at 3
/// digits) whatever it holds; a tick of a busy run's fan-out latency fills a few thousand buckets,
/// which as plain pairs of longs cost 16 bytes each, 64 KB a tick and 230 MB over the ring's 15
/// minutes; packed they cost a fifth of that. Merging the buckets back is exact: each bucket's
/// top value maps to the same bucket.
/// </summary>
internal sealed class HistogramSlice
{
    public static HistogramSlice Empty { get; } = new([]);

    private readonly byte[] _packed;

    private HistogramSlice(byte[] packed) => _packed = packed;

    /// <summary>The bytes this slice keeps.</summary>
    public int Size => _packed.Length;

    public static HistogramSlice Of(HistogramBase? histogram)
    {
        if (histogram is null || histogram.TotalCount == 0)
            return Empty;
        var packed = new List<byte>(256);
        long previous = 0;
        foreach (var bucket in histogram.RecordedValues())
        {
            Write(packed, (ulong)(bucket.ValueIteratedTo - previous));
            Write(packed, (ulong)bucket.CountAtValueIteratedTo);
            previous = bucket.ValueIteratedTo;
        }
        return new HistogramSlice([.. packed]);
    }

    /// <summary>Adds the slice's counts to <paramref name="target"/>; with <paramref name="sign"/> -1, takes them away again (a window's tick leaving it).</summary>
    public void AddTo(HistogramBase target, int sign = 1)
    {
        long value = 0;
        for (var at = 0; at < _packed.Length;)
        {
            value += (long)Read(_packed, ref at);
            target.RecordValueWithCount(value, sign * (long)Read(_packed, ref at));
        }
    }

    /// <summary>Seven bits a byte, low bits first; the top bit says another byte follows.</summary>
    private static void Write(List<byte> into, ulong value)
    {
        for (; value >= 0x80; value >>= 7)
            into.Add((byte)(value | 0x80));
        into.Add((byte)value);
    }

    private static ulong Read(byte[] from, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = from[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
