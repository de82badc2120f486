using System.Text.Json;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Export;

/// <summary>
/// Writes a run's results: the JSON report and the CSV files, each atomically. A failed file
/// is reported, never thrown, and the snapshot stays in memory to be exported elsewhere.
/// </summary>
public static class RunExporter
{
    public static Task<ExportResult> WriteJsonAsync(string path, EngineSnapshot snapshot, BotOptions options, MonitorDocument? server = null, CancellationToken cancellationToken = default) =>
        WriteJsonAsync(path, RunReportBuilder.Build(snapshot, options, server), cancellationToken);

    /// <summary>Writes a built report (with thresholds or a capacity section) atomically.</summary>
    public static Task<ExportResult> WriteJsonAsync(string path, RunReport report, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, stream => JsonSerializer.SerializeAsync(stream, report, RunReportJsonContext.Relaxed.RunReport, cancellationToken), cancellationToken);

    /// <summary>Writes <c>timeline.csv</c> and <c>bots.csv</c> into <paramref name="directory"/>.</summary>
    public static async Task<IReadOnlyList<ExportResult>> WriteCsvAsync(string directory, EngineSnapshot snapshot, string prefix = "", CancellationToken cancellationToken = default) =>
    [
        await RunCsv.Timeline.WriteAsync(Path.Combine(directory, $"{prefix}timeline.csv"), snapshot.Timeline, cancellationToken).ConfigureAwait(false),
        await RunCsv.Bots.WriteAsync(Path.Combine(directory, $"{prefix}bots.csv"), snapshot.Bots, cancellationToken).ConfigureAwait(false),
    ];

    /// <summary>The default export name, as the original tool chose it.</summary>
    public static string DefaultFileName(DateTime now) => $"load_test_stats_{now:yyyyMMdd_HHmmss}.json";
}
