using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Export;

/// <summary>A capacity search as the JSON's <c>capacity</c> section and as <c>capacity.csv</c> (one row per step): pure functions of its steps.</summary>
public static class CapacityExport
{
    public static CapacityReport Report(CapacityOptions options, IReadOnlyList<StepResult> steps, CapacityAnswer? answer) => new(
        answer?.ToString() ?? "in progress",
        answer?.Holds,
        answer?.FailsAt,
        answer?.FailReason,
        answer?.UpperBoundReached ?? false,
        answer?.StoppedEarly,
        options.MinBots,
        options.MaxBots,
        options.Resolution,
        [.. options.Slo.Select(t => t.Text)],
        [.. steps.Select((s, i) => new CapacityStepReport(
            i + 1,
            s.Bots,
            s.Online,
            Math.Round(s.From.TotalSeconds, 3),
            Math.Round(s.To.TotalSeconds, 3),
            s.Results.ToDictionary(r => r.Threshold.Metric.Name, r => r.Measured is { } m ? Math.Round(m, 6) : (double?)null),
            s.Figures?.Server?.CpuMax is { } cpu ? Math.Round(cpu, 1) : null,
            s.Figures?.Server?.MemoryMaxMb is { } mb ? Math.Round(mb, 1) : null,
            s.Passed,
            s.Passed ? [] : [.. s.FailureText.Split("; ")]))])
    {
        SloLimits = [.. options.Slo.Select(t => new SloLimitReport(t.Text, t.Metric.Name, RunReportBuilder.SnakeCase(t.Metric.Unit.ToString()), t.Comparison.Symbol(), t.Limit))],
    };

    /// <summary>step, bots, online, from_s, to_s, one column per SLO metric (in its unit), server_cpu_max, server_memory_max_mb, verdict, failures.</summary>
    public static CsvTable<(int Step, StepResult Result)> Csv(CapacityOptions options)
    {
        var metrics = options.Slo.Select(t => t.Metric.Name).Distinct().ToList();
        return new CsvTable<(int Step, StepResult Result)>(
            ["step", "bots", "online", "from_s", "to_s", .. metrics, "server_cpu_max", "server_memory_max_mb", "verdict", "failures"],
            row =>
            {
                var s = row.Result;
                return
                [
                    row.Step, s.Bots, s.Online, s.From.TotalSeconds, s.To.TotalSeconds,
                    .. metrics.Select(m => (object?)s.Results.FirstOrDefault(r => r.Threshold.Metric.Name == m)?.Measured),
                    s.Figures?.Server?.CpuMax, s.Figures?.Server?.MemoryMaxMb, s.Passed ? "pass" : "fail", s.Passed ? "" : s.FailureText,
                ];
            });
    }

    public static Task<ExportResult> WriteCsvAsync(string path, CapacityOptions options, IReadOnlyList<StepResult> steps, CancellationToken cancellationToken = default) =>
        Csv(options).WriteAsync(path, steps.Select((s, i) => (i + 1, s)), cancellationToken);
}
