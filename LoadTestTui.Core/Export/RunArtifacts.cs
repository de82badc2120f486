using System.Collections.Immutable;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Export;

/// <summary>
/// Everything a run's export writes: the JSON report (with a <c>server</c> section when a
/// monitor ran) and the CSVs (<c>timeline</c>, <c>bots</c>, and <c>monitor</c> when one ran).
/// The HTML report beside them is Reports' (<c>RunExport.WriteBesideAsync</c>): Export never
/// depends on Reports. Every file is written atomically; a failure is a result, never an exception.
/// </summary>
public sealed class RunArtifacts(BotOptions options, MonitorRecorder? monitor = null, IReadOnlyList<Threshold>? thresholds = null)
{
    private CapacityReport? _capacity;

    public IReadOnlyList<Threshold> Thresholds { get; } = thresholds ?? [];

    /// <summary>Set by a capacity search as its steps complete, so any export carries them.</summary>
    public CapacityReport? Capacity
    {
        get => Volatile.Read(ref _capacity);
        set => Volatile.Write(ref _capacity, value);
    }

    public Task<ExportResult> WriteJsonAsync(string path, EngineSnapshot snapshot, CancellationToken cancellationToken = default) =>
        RunExporter.WriteJsonAsync(path, Report(snapshot), cancellationToken);

    /// <summary>The JSON report of <paramref name="snapshot"/>, with the thresholds judged as of it.</summary>
    public RunReport Report(EngineSnapshot snapshot) => RunReportBuilder.Build(snapshot, options, ServerSection(snapshot)) with
    {
        Thresholds = Thresholds.Count == 0 ? null : [.. Judge(snapshot).Select(RunReportBuilder.Threshold)],
        Capacity = Capacity,
    };

    /// <summary>The thresholds judged on <paramref name="snapshot"/> and the monitor's samples of the same span.</summary>
    public ImmutableArray<ThresholdResult> Judge(EngineSnapshot snapshot) => ThresholdEvaluator.Evaluate(Thresholds, snapshot, monitor?.Samples);

    /// <summary>Writes <c>PREFIXtimeline.csv</c>, <c>PREFIXbots.csv</c> and, with a monitor, <c>PREFIXmonitor.csv</c> into <paramref name="directory"/>.</summary>
    public async Task<IReadOnlyList<ExportResult>> WriteCsvAsync(string directory, EngineSnapshot snapshot, string prefix = "", CancellationToken cancellationToken = default)
    {
        var results = new List<ExportResult>(await RunExporter.WriteCsvAsync(directory, snapshot, prefix, cancellationToken).ConfigureAwait(false));
        if (monitor is not null)
            results.Add(await MonitorCsvExport.WriteAsync(Path.Combine(directory, $"{prefix}monitor.csv"), monitor.Document(RunStart(snapshot), RunEnd(snapshot)).Samples, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private MonitorDocument? ServerSection(EngineSnapshot snapshot) => monitor?.Document(RunStart(snapshot), RunEnd(snapshot));

    /// <summary>Monitor samples are timed from the run's start, so both timelines line up.</summary>
    private static DateTimeOffset? RunStart(EngineSnapshot snapshot) => snapshot.StartedAt;

    private static DateTimeOffset? RunEnd(EngineSnapshot snapshot) => snapshot.StartedAt + snapshot.Elapsed;
}
