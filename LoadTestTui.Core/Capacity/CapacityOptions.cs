using System.Globalization;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Capacity;

/// <summary>How a capacity search steps, holds and judges. Immutable; <see cref="Validate"/> lists every problem.</summary>
public sealed record CapacityOptions
{
    /// <summary>The SLO used when none is given: echo p99 &lt; 500 ms, error rate &lt; 1%, no lost deliveries, online ratio &gt;= 99%.</summary>
    public static IReadOnlyList<string> DefaultSlo { get; } = ["echo.p99 < 500ms", "errors.rate < 1%", "delivery.lost == 0", "online.ratio >= 99%"];

    public int MinBots { get; init; } = 10;
    public required int MaxBots { get; init; }

    /// <summary>Narrowing stops when the first bad count is within this fraction above the last good one.</summary>
    public double Resolution { get; init; } = 0.05;

    /// <summary>Far from the edge, each step multiplies the bots by this.</summary>
    public double Growth { get; init; } = 2;

    /// <summary>Once any SLO figure has used this share of its budget, steps grow linearly (by 4 × resolution) instead.</summary>
    public double NearEdge { get; init; } = 0.5;

    /// <summary>Time after the step's bots are started before its window opens (connections, queues and caches settle).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The step's window: only its samples judge the step.</summary>
    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest a step waits for its bots to be started (ramp) before settling anyway.</summary>
    public TimeSpan RampTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public required IReadOnlyList<Threshold> Slo { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinBots < 1)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--min-bots must be at least 1 (got {MinBots})."));
        if (MaxBots < MinBots || MaxBots > LoadPlan.MaxTarget)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--max-bots must be from --min-bots ({MinBots}) to {LoadPlan.MaxTarget} (got {MaxBots})."));
        if (Resolution is <= 0 or >= 1 || double.IsNaN(Resolution))
            problems.Add("--resolution must be between 0% and 100%, e.g. 5%.");
        if (Growth is <= 1 or > 100 || double.IsNaN(Growth))
            problems.Add("--growth must be above 1 (e.g. 2 doubles the bots each step).");
        if (Settle < TimeSpan.Zero)
            problems.Add("--settle must not be negative.");
        if (Measure < TimeSpan.FromSeconds(1) || Measure > WindowLimits.MaxSpan)
            problems.Add("--measure must be from 1s to 15m.");
        if (Slo.Count == 0)
            problems.Add("the SLO needs at least one threshold.");
        if (Slo.Any(t => t.Window is not null))
            problems.Add("SLO thresholds are judged on each step's window: drop 'over ...'.");
        return problems;
    }
}
