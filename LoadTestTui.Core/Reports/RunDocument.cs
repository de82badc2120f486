using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// A run's results JSON as read back from its file, through the same records the export
/// writes (<see cref="RunReport"/>): the only input of reports and comparisons. Reading is
/// tolerant: a field an older file lacks reads as null, never as a made-up value, so the
/// report can say it was not recorded; fields it does not know are skipped.
/// </summary>
public sealed class RunDocument
{
    private static readonly JsonTypeInfo<RunReport> ReportType = (JsonTypeInfo<RunReport>)RunReportJsonContext.Reading.GetTypeInfo(typeof(RunReport));

    public RunDocument(string name, RunReport report)
    {
        Name = name;
        Report = report;
        // A null entry in a hand-edited list is skipped, not a crash.
        Timeline = [.. report.Timeline?.OfType<TimelineReportRow>() ?? []];
        Bots = [.. report.BotDetails?.OfType<BotReport>() ?? []];
    }

    /// <summary>Where the document came from (the file name), for titles and messages.</summary>
    public string Name { get; }

    public RunReport Report { get; }

    /// <summary>Reads a results file; on failure returns null and a one-line reason.</summary>
    public static RunDocument? Load(string path, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read '{path}': {ex.Message}";
            return null;
        }
        return Parse(text, Path.GetFileName(path), out error);
    }

    /// <summary>Parses results JSON; null and a one-line reason when it is not a run's results.</summary>
    public static RunDocument? Parse(string json, string name, out string? error)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            error = $"'{name}' is not JSON ({ex.Message.Split('.')[0]})";
            return null;
        }
        using (parsed)
        {
            RunReport? report = null;
            if (parsed.RootElement.ValueKind == JsonValueKind.Object)
            {
                try
                {
                    report = parsed.Deserialize(ReportType);
                }
                catch (JsonException ex)
                {
                    error = $"'{name}' is not a load test run result (field {ex.Path ?? "?"} has the wrong type)";
                    return null;
                }
            }
            if (report is not { ElapsedTime: not null, MessagesSent: not null, Latency: not null })
            {
                error = $"'{name}' is not a load test run result (no elapsed_time, messages_sent and latency fields)";
                return null;
            }
            error = null;
            return new RunDocument(name, report);
        }
    }

    public RunInfo? Run => Report.Run;

    /// <summary>"host:port" of the server the run targeted, or null when the file does not say.</summary>
    public string? Target => Run is { Host: { } host, Port: { } port } ? $"{host}:{port}" : null;

    public string RunId => Run?.RunId ?? "";

    public double ElapsedSeconds => Report.ElapsedTime ?? 0;

    public IReadOnlyList<TimelineReportRow> Timeline { get; }

    public IReadOnlyList<BotReport> Bots { get; }

    public MonitorDocument? Server => Report.Server;

    /// <summary>The encoded cumulative histogram of one latency kind, or null when the file has none.</summary>
    public string? Histogram(LatencyChart kind) => Report.Histograms is { } h && kind.Histogram(h) is { Length: > 0 } text ? text : null;

    /// <summary>The whole-run latency summary of one kind, or null.</summary>
    public LatencyReport? Summary(LatencyChart kind) => kind.Summary(Report);

    /// <summary>Whether the timeline rows carry this kind's per-second percentiles.</summary>
    public bool HasSecondLatency(LatencyChart kind) => Timeline.Any(r => kind.Second(r) is not null);
}
