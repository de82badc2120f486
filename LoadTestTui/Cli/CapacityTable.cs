using System.Globalization;
using System.Text;
using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Cli;

/// <summary>The terminal's table of capacity steps: bots, each SLO figure, server CPU and memory, verdict.</summary>
internal sealed class CapacityTable(CapacityOptions options)
{
    private readonly IReadOnlyList<MetricDefinition> _metrics = [.. options.Slo.Select(t => t.Metric).DistinctBy(m => m.Name)];

    public string Header()
    {
        var line = new StringBuilder(F($"{"step",4}  {"bots",9}  {"online",9}"));
        foreach (var metric in _metrics)
            line.Append(F($"  {metric.Name,14}"));
        return line.Append(F($"  {"cpu max",8}  {"mem max",9}  verdict")).ToString();
    }

    public string Row(int number, StepResult step)
    {
        var line = new StringBuilder(F($"{number,4}  {step.Bots,9:N0}  {step.Online,9:N0}"));
        foreach (var metric in _metrics)
        {
            var value = step.Results.FirstOrDefault(r => r.Threshold.Metric.Name == metric.Name)?.Measured;
            line.Append(F($"  {ValueText.Format(value, metric.Unit),14}"));
        }
        var server = step.Figures?.Server;
        line.Append(F($"  {(server is null ? "-" : ValueText.Format(server.CpuMax, MetricUnit.Percent)),8}  {(server is null ? "-" : ValueText.Format(server.MemoryMaxMb, MetricUnit.Megabytes)),9}  "));
        return line.Append(step.Passed ? "pass" : "FAIL: " + Core.Text.TerminalText.Sanitize(step.FailureText)).ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
