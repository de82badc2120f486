using HdrHistogram;
using HdrHistogram.Utilities;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// HdrHistogram's compressed encoding (V2 + deflate): agents ship interval histograms this way
/// and the controller adds them up, so merged percentiles are exact rather than averaged.
/// One instance reuses its scratch buffer; not thread-safe.
/// </summary>
public sealed class HistogramCodec
{
    private ByteBuffer? _scratch;

    /// <summary>The compressed bytes, or null for an empty histogram (nothing to ship).</summary>
    public byte[]? Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
            return null;
        var needed = histogram.GetNeededByteBufferCapacity();
        if (_scratch is null || _scratch.Capacity() < needed)
            _scratch = ByteBuffer.Allocate(needed);
        _scratch.Position = 0;
        var length = histogram.EncodeIntoCompressedByteBuffer(_scratch);
        // ByteBuffer keeps its array to itself: read the encoded bytes back one by one.
        _scratch.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
            bytes[i] = _scratch.Get();
        return bytes;
    }

    /// <summary>Decodes bytes made by <see cref="Encode"/>; null (with a reason) for anything else.</summary>
    public static HistogramBase? TryDecode(byte[] bytes, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        problem = null;
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or IndexOutOfRangeException or NotSupportedException)
        {
            problem = $"undecodable histogram: {ex.Message}";
            return null;
        }
    }

    /// <summary>Adds <paramref name="bytes"/> (if any) to <paramref name="target"/>; false when they do not decode.</summary>
    public static bool TryAddTo(HistogramBase target, byte[]? bytes, out string? problem)
    {
        problem = null;
        if (bytes is null)
            return true;
        if (TryDecode(bytes, out problem) is not { } decoded)
            return false;
        target.Add(decoded);
        return true;
    }

    /// <summary>An empty histogram shaped like the engine's recorders.</summary>
    public static HistogramBase Empty() => LatencyRecorder.NewHistogram();
}
