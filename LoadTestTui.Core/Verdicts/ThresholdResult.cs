namespace LoadTestTui.Core.Verdicts;

/// <summary>One threshold judged: the measured value (null = no data, which fails) and whether it held.</summary>
public sealed record ThresholdResult(Threshold Threshold, double? Measured)
{
    public bool Passed => Measured is { } value && Threshold.Holds(value);

    public string MeasuredText => ValueText.Format(Measured, Threshold.Metric.Unit);

    /// <summary>The one summary line: <c>PASS  echo.p99 &lt; 200ms  (measured 12.3 ms)</c>.</summary>
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")}  {Threshold.Text}  (measured {MeasuredText})";

    /// <summary>Why it failed, in a few words: <c>echo.p99 812 ms &gt;= 500 ms</c>.</summary>
    public string Reason() => Measured is null
        ? $"{Threshold.Metric.Name}: no data"
        : $"{Threshold.Metric.Name} {MeasuredText} {(Passed ? Threshold.Comparison.Symbol() : Threshold.Comparison.Violated())} {ValueText.Format(Threshold.Limit, Threshold.Metric.Unit)}";
}
