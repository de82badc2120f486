namespace LoadTestTui.Core.Verdicts;

/// <summary>
/// One parsed threshold: <c>METRIC OP LIMIT [over WINDOW]</c>, the limit in the metric's own
/// unit. With <see cref="Abort"/>, a failure stops the run early, but not before
/// <see cref="Grace"/> of run time has passed.
/// </summary>
public sealed record Threshold(string Text, MetricDefinition Metric, Comparison Comparison, double Limit, TimeSpan? Window, bool Abort = false, TimeSpan Grace = default)
{
    public bool Holds(double measured) => Comparison.Holds(measured, Limit);

    public override string ToString() => Text;
}
