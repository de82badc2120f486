using System.Collections.Immutable;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Core.Verdicts;

/// <summary>
/// Judges thresholds, purely: on the figures of a snapshot (the whole run, or the trailing
/// window each threshold names) and the monitor samples of the same span.
/// </summary>
public static class ThresholdEvaluator
{
    /// <summary>Judges every threshold on one set of figures (a capacity step's window).</summary>
    public static ImmutableArray<ThresholdResult> Evaluate(IEnumerable<Threshold> thresholds, FigureSet figures) =>
        [.. thresholds.Select(t => new ThresholdResult(t, t.Metric.Read(figures)))];

    /// <summary>
    /// Judges every threshold as of <paramref name="snapshot"/>: a threshold with a window reads
    /// <see cref="EngineSnapshot.Windows"/> (the engine must track it), the others the whole run.
    /// </summary>
    public static ImmutableArray<ThresholdResult> Evaluate(IEnumerable<Threshold> thresholds, EngineSnapshot snapshot, IReadOnlyList<MonitorSnapshot>? monitor)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var end = snapshot.Timestamp;
        var start = snapshot.StartedAt ?? end;
        return [.. thresholds.Select(t =>
        {
            var run = t.Window is { } w ? snapshot.Windows.GetValueOrDefault(w) : snapshot.Figures;
            if (run is null)
                return new ThresholdResult(t, null);
            var from = t.Window is { } span ? end - span : start;
            var server = monitor is null ? null : ServerFigures.Of(monitor, from, end);
            return new ThresholdResult(t, t.Metric.Read(new FigureSet(run, server)));
        })];
    }

    /// <summary>
    /// The first result that should stop the run now: an abort threshold that measured a
    /// failure (no data does not abort) once its grace period of run time is over.
    /// </summary>
    public static ThresholdResult? AbortCause(IEnumerable<ThresholdResult> results, TimeSpan elapsed) =>
        results.FirstOrDefault(r => r.Threshold.Abort && r.Measured is not null && !r.Passed && elapsed >= r.Threshold.Grace);
}
