using System.Collections.Immutable;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Capacity;

/// <summary>
/// One step of a search: the bots asked for, what was measured on the step's window (run time
/// <see cref="From"/> to <see cref="To"/>), the SLO judged on it, and a fatal reason when the
/// search cannot go on (the server died, every bot failed).
/// </summary>
public sealed record StepResult(int Bots, int Online, TimeSpan From, TimeSpan To, FigureSet? Figures, ImmutableArray<ThresholdResult> Results, string? Fatal = null)
{
    public bool Passed => Fatal is null && Results.All(r => r.Passed);

    /// <summary>The failures in a few words: <c>echo.p99 812 ms &gt;= 500 ms</c>.</summary>
    public string FailureText => Fatal ?? string.Join("; ", Results.Where(r => !r.Passed).Select(r => r.Reason()));

    /// <summary>
    /// How much of its budget the closest SLO figure used (0 = far, 1 = at the limit): decides
    /// when the search stops doubling. No data counts as at the limit.
    /// </summary>
    public double Usage => Results.Length == 0 ? 0 : Results.Max(UsageOf);

    private static double UsageOf(ThresholdResult r)
    {
        if (r.Measured is not { } measured)
            return 1;
        var limit = r.Threshold.Limit;
        return r.Threshold.Comparison switch
        {
            Comparison.Less or Comparison.LessOrEqual => limit > 0 ? measured / limit : (measured > 0 ? 1 : 0),
            // A ratio floor (online.ratio >= 99%): how much of the 1% allowance is spent.
            Comparison.Greater or Comparison.GreaterOrEqual when r.Threshold.Metric.Unit == MetricUnit.Ratio && limit < 1 => Math.Max(0, (1 - measured) / (1 - limit)),
            Comparison.Greater or Comparison.GreaterOrEqual => measured > 0 ? limit / measured : 1,
            _ => r.Passed ? 0 : 1,
        };
    }
}
