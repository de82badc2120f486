namespace LoadTestTui.Core.Verdicts;

/// <summary>What a metric's number means: decides which units a threshold may use and how a value prints.</summary>
public enum MetricUnit
{
    /// <summary>Latency in milliseconds; thresholds take us, ms, s, m.</summary>
    Milliseconds,

    /// <summary>A fraction 0..1; thresholds take 99% or 0.99.</summary>
    Ratio,

    /// <summary>A figure already in percent (CPU, where 100 is one core); thresholds take 80% or 80.</summary>
    Percent,

    /// <summary>A plain count.</summary>
    Count,

    /// <summary>Per second; thresholds take 500 or 500/s.</summary>
    PerSecond,

    /// <summary>Mebibytes; thresholds take KB, MB, GB (binary).</summary>
    Megabytes,
}
