namespace LoadTestTui.Core.Model;

/// <summary>Percentiles of one latency distribution, in milliseconds with microsecond resolution.</summary>
public sealed record LatencySummary(
    long Count,
    double MinMs,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
