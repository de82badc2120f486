using HdrHistogram;
using HdrHistogram.Utilities;

namespace LoadTestTui.Core.Model;

/// <summary>
/// A latency histogram as text for the results JSON: HdrHistogram's compressed V2 encoding
/// (the one HdrHistogram log files use), base64. Values are microseconds. Any HdrHistogram
/// implementation decodes it, and decoded histograms merge and compare exactly.
/// </summary>
public static class HistogramCodec
{
    /// <summary>The largest value a decoded histogram must track: one hour in microseconds, the recorders' range.</summary>
    private const long HighestTrackable = 3_600_000_000;

    /// <summary>Base64 of the compressed encoding; "" for an empty histogram.</summary>
    public static string Encode(HistogramBase histogram) => EncodeBytes(histogram) is { } bytes ? Convert.ToBase64String(bytes) : "";

    /// <summary>The compressed encoding's bytes (what agents ship over the bus); null for an empty histogram.</summary>
    public static byte[]? EncodeBytes(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
            return null;
        // The encoder's buffer is sized for the whole counts array (~190 KB for a one-hour range, a
        // large-object allocation per call): copy into a histogram that ends at the largest value
        // recorded first. Same precision, same buckets, so the copy is exact; decoding widens it again.
        var compact = new LongHistogram(Math.Max(2, histogram.HighestEquivalentValue(histogram.GetMaxValue())), histogram.NumberOfSignificantValueDigits);
        foreach (var value in histogram.RecordedValues())
            compact.RecordValueWithCount(value.ValueIteratedTo, value.CountAtValueIteratedTo);
        var buffer = ByteBuffer.Allocate(compact.GetNeededByteBufferCapacity());
        var length = compact.EncodeIntoCompressedByteBuffer(buffer);
        // The buffer's array is not public: read the encoded bytes back one by one.
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = buffer.Get();
        return bytes;
    }

    /// <summary>Decodes <see cref="Encode"/>'s text; false (and no exception) for text that is not one.</summary>
    public static bool TryDecode(string? text, out HistogramBase? histogram)
    {
        histogram = null;
        if (string.IsNullOrEmpty(text))
            return false;
        try
        {
            histogram = TryDecodeBytes(Convert.FromBase64String(text), out _);
        }
        catch (FormatException)
        {
            return false;
        }
        return histogram is not null;
    }

    /// <summary>Decodes <see cref="EncodeBytes"/>'s bytes; null, with a reason, for bytes that are not one.</summary>
    public static HistogramBase? TryDecodeBytes(byte[] bytes, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        problem = null;
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), HighestTrackable);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or IndexOutOfRangeException or OverflowException or NotSupportedException)
        {
            problem = $"undecodable histogram: {ex.Message}";
            return null;
        }
    }
}
