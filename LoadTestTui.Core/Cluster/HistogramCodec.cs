using HdrHistogram;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// Histograms on the bus: HdrHistogram's compressed encoding (the same as the results file's,
/// <see cref="Export.HistogramCodec"/>, without the base64). Agents ship interval histograms this
/// way and the controller adds them up, so merged percentiles are exact rather than averaged.
/// </summary>
public static class HistogramCodec
{
    /// <summary>The compressed bytes, or null for an empty histogram (nothing to ship).</summary>
    public static byte[]? Encode(HistogramBase histogram) => Export.HistogramCodec.EncodeBytes(histogram);

    /// <summary>Decodes bytes made by <see cref="Encode"/>; null (with a reason) for anything else.</summary>
    public static HistogramBase? TryDecode(byte[] bytes, out string? problem) => Export.HistogramCodec.TryDecodeBytes(bytes, out problem);

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
