using System.Text.Json.Nodes;
using HdrHistogram;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Tests.Reports;

/// <summary>
/// Results files kept in Reports/Fixtures: <c>old-format.json</c> (written by the tool before
/// the report existed), <c>new-format.json</c> (a real short run with a monitored server) and
/// <c>hostile.json</c> (the same with script in a bot's name, an error class, the run id and a threshold).
/// </summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", name);

    public static RunDocument Load(string name) => RunDocument.Load(Path(name), out var error) ?? throw new AssertFailedException(error!);

    /// <summary>The new-format fixture with its chat echo histogram replaced, and the summary made to agree with it.</summary>
    public static RunDocument WithChatHistogram(HistogramBase histogram, string name = "changed.json", string? host = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path("new-format.json")))!.AsObject();
        root["histograms"]!["chat_rtt"] = HistogramCodec.Encode(histogram);
        root["latency"]!["samples"] = histogram.TotalCount;
        if (host is not null)
            root["run"]!["host"] = host;
        return RunDocument.Parse(root.ToJsonString(), name, out var error) ?? throw new AssertFailedException(error!);
    }

    /// <summary>Writes a document back the way the export writes a run's results.</summary>
    public static Task WriteAsync(RunDocument doc, string path) =>
        File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(doc.Report, RunReportJsonContext.Relaxed.RunReport));

    /// <summary>n values spread evenly over [from, to] microseconds.</summary>
    public static LongHistogram Uniform(long from, long to, int n)
    {
        var h = new LongHistogram(1, 3_600_000_000, 3);
        for (var i = 0; i < n; i++)
            h.RecordValue(from + (to - from) * i / Math.Max(1, n - 1));
        return h;
    }
}
