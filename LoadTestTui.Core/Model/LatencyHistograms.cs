using System.Collections.Immutable;

namespace LoadTestTui.Core.Model;

/// <summary>
/// The run's cumulative latency histograms by kind name, in HdrHistogram's compressed encoding,
/// base64 (<see cref="HistogramCodec"/>), microseconds; a kind without samples is absent.
/// Carried so exports hold the whole distribution, which merges and compares exactly.
/// </summary>
public sealed record LatencyHistograms(ImmutableSortedDictionary<string, string> ByKind)
{
    public static LatencyHistograms Empty { get; } = new(ImmutableSortedDictionary<string, string>.Empty);

    /// <summary>The encoded histogram of <paramref name="kind"/>; "" when it has no samples.</summary>
    public string this[LatencyKind kind] => ByKind.GetValueOrDefault(kind.Name, "");

    public string ChatRtt => this[LatencyKind.ChatEcho];
    public string PingRtt => this[LatencyKind.Ping];
    public string FanOut => this[LatencyKind.FanOut];
    public string Registration => this[LatencyKind.Registration];
    public string ConnectTime => this[LatencyKind.Connect];
}
