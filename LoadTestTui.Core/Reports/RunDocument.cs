using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// A run's results JSON as read back from its file: the only input of reports and
/// comparisons. Reading is tolerant: a field an older file lacks reads as null, never as a
/// made-up value, so the report can say it was not recorded.
/// </summary>
public sealed class RunDocument
{
    private RunDocument(string name, JsonObject root)
    {
        Name = name;
        Root = root;
    }

    /// <summary>Where the document came from (the file name), for titles and messages.</summary>
    public string Name { get; }

    public JsonObject Root { get; }

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
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            error = $"'{name}' is not JSON ({ex.Message.Split('.')[0]})";
            return null;
        }
        if (root is not JsonObject obj || Json.Number(obj, "elapsed_time") is null || Json.Number(obj, "messages_sent") is null || obj["latency"] is not JsonObject)
        {
            error = $"'{name}' is not a load test run result (no elapsed_time, messages_sent and latency fields)";
            return null;
        }
        error = null;
        return new RunDocument(name, obj);
    }

    public JsonObject? Run => Root["run"] as JsonObject;

    /// <summary>"host:port" of the server the run targeted, or null when the file does not say.</summary>
    public string? Target => Json.Text(Run, "host") is { } host && Json.Number(Run, "port") is { } port ? $"{host}:{port}" : null;

    public string RunId => Json.Text(Run, "run_id") ?? "";

    public double ElapsedSeconds => Json.Number(Root, "elapsed_time") ?? 0;

    public JsonArray Timeline => Root["timeline"] as JsonArray ?? [];

    public JsonArray Bots => Root["bot_details"] as JsonArray ?? [];

    public JsonObject? Server => Root["server"] as JsonObject;

    /// <summary>The encoded cumulative histogram of one latency kind, or null when the file has none.</summary>
    public string? Histogram(LatencyKind kind) => Json.Text(Root["histograms"], kind.HistogramKey) is { Length: > 0 } text ? text : null;

    /// <summary>The whole-run latency summary object of one kind (<c>latency</c>, <c>ping_latency</c>, ...), or null.</summary>
    public JsonObject? Summary(LatencyKind kind) => Json.At(Root, kind.SummaryPath) as JsonObject;

    /// <summary>Whether the timeline rows carry this kind's per-second percentiles.</summary>
    public bool HasSecondLatency(LatencyKind kind) => Timeline.Any(r => r?[kind.TimelineKey] is JsonObject);
}
