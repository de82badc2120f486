using HdrHistogram;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// How far a percentile read from a histogram could move by chance: a distribution-free
/// confidence interval from order statistics, widened by the histogram's own precision.
/// <para>
/// With n samples, the number below the true q-quantile is Binomial(n, q), so the sample
/// values at ranks n·q ∓ z·√(n·q·(1−q)) bracket the true quantile with about 95 % confidence
/// (z = 1.96), whatever the latency distribution. Each bound is then taken to the edge of its
/// histogram bucket (3 significant digits: ±0.1 %). Few samples or a tail percentile give a
/// wide interval, which is the point: p99 of 200 echoes says little.
/// </para>
/// </summary>
public readonly record struct QuantileInterval(double LowMs, double HighMs)
{
    public const double Z95 = 1.96;

    /// <param name="percentile">0-100, e.g. 99 for p99.</param>
    public static QuantileInterval Of(HistogramBase histogram, double percentile, double z = Z95)
    {
        var n = histogram.TotalCount;
        var q = percentile / 100;
        var spread = z * Math.Sqrt(n * q * (1 - q));
        var lowRank = Math.Clamp(Math.Floor(n * q - spread), 1, n);
        var highRank = Math.Clamp(Math.Ceiling(n * q + spread) + 1, 1, n);
        var low = histogram.LowestEquivalentValue(histogram.GetValueAtPercentile(100.0 * lowRank / n));
        var high = histogram.HighestEquivalentValue(histogram.GetValueAtPercentile(100.0 * highRank / n));
        return new QuantileInterval(low / 1000.0, high / 1000.0);
    }

    /// <summary>Whether the two intervals share any value: then the runs do not differ beyond noise.</summary>
    public bool Overlaps(QuantileInterval other) => LowMs <= other.HighMs && other.LowMs <= HighMs;
}
