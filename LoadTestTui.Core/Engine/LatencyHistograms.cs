namespace LoadTestTui.Core.Engine;

/// <summary>
/// The run's cumulative latency histograms in HdrHistogram's compressed encoding, base64
/// (<see cref="Export.HistogramCodec"/>), microseconds; "" when a kind has no samples.
/// Carried so exports hold the whole distribution, which merges and compares exactly.
/// </summary>
public sealed record LatencyHistograms(string ChatRtt, string PingRtt, string FanOut)
{
    /// <summary>Registration latency (connect start to user list).</summary>
    public string Registration { get; init; } = "";

    public static LatencyHistograms Empty { get; } = new("", "", "");
}
