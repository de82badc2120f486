using System.Text.Json.Nodes;
using HdrHistogram;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// The series a report draws, read from one results file: per-second timeline values, the
/// monitored server's samples and percentile spectra from the histograms. Null where the
/// file has no value; never interpolated.
/// </summary>
public static class RunSeries
{
    /// <summary>The spectrum's x grid: 1/(1-p) = 10^(k/10), from p = 0 to p = 99.999 %.</summary>
    public static IReadOnlyList<double> SpectrumGrid { get; } = [.. Enumerable.Range(0, 51).Select(k => Math.Round(Math.Pow(10, k / 10.0), 6))];

    public static IReadOnlyList<double> Seconds(RunDocument doc) => [.. doc.Timeline.Select(r => Json.Number(r, "t") ?? double.NaN)];

    /// <summary>One timeline field per row ("online", "chat.p99", "states.online").</summary>
    public static IReadOnlyList<double?> Timeline(RunDocument doc, string path) => [.. doc.Timeline.Select(r => Json.Number(r, path))];

    /// <summary>A per-second latency figure; null for a second without samples (the file writes 0 there, which is not a latency).</summary>
    public static IReadOnlyList<double?> SecondLatency(RunDocument doc, LatencyKind kind, string stat) =>
        [.. doc.Timeline.Select(r => Json.Number(r, $"{kind.TimelineKey}.samples") > 0 ? Json.Number(r, $"{kind.TimelineKey}.{stat}") : null)];

    /// <summary>The older rows' chat echo <c>p50</c>/<c>p99</c>, where 0 meant "no echo this second".</summary>
    public static IReadOnlyList<double?> OldSecondLatency(RunDocument doc, string stat) =>
        [.. Timeline(doc, stat).Select(v => v > 0 ? v : null)];

    /// <summary>Whether any timeline row has this field.</summary>
    public static bool HasTimeline(RunDocument doc, string path) => doc.Timeline.Any(r => Json.Number(r, path) is not null);

    /// <summary>Errors per second by class: from <c>errors_by_class</c>, or null when the file does not split them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double?>>? ErrorsByClass(RunDocument doc)
    {
        if (!doc.Timeline.Any(r => r?["errors_by_class"] is JsonObject))
            return null;
        var classes = doc.Timeline.SelectMany(r => (r?["errors_by_class"] as JsonObject)?.Select(p => p.Key) ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        return classes.ToDictionary(c => c, c => (IReadOnlyList<double?>)[.. doc.Timeline.Select(r => r?["errors_by_class"] is JsonObject ? Json.Number(r, $"errors_by_class.{c}") ?? 0 : (double?)null)]);
    }

    /// <summary>Total errors per second from the cumulative <c>errors</c> column (older files): differences of recorded counts.</summary>
    public static IReadOnlyList<double?> ErrorsPerSecond(RunDocument doc)
    {
        var cumulative = Timeline(doc, "errors");
        var seconds = Seconds(doc);
        var result = new double?[cumulative.Count];
        for (var i = 0; i < cumulative.Count; i++)
        {
            var before = i == 0 ? 0 : cumulative[i - 1];
            var span = i == 0 ? seconds[i] : seconds[i] - seconds[i - 1];
            result[i] = cumulative[i] is { } now && before is { } then && span > 0 ? Math.Max(0, now - then) / span : null;
        }
        return result;
    }

    /// <summary>The monitor's samples: x is seconds from the run's start.</summary>
    public static IReadOnlyList<JsonNode> ServerSamples(RunDocument doc) =>
        [.. (doc.Server?["samples"] as JsonArray ?? []).Where(s => Json.Number(s, "elapsed") is not null).Cast<JsonNode>()];

    public static IReadOnlyList<double?> Server(IReadOnlyList<JsonNode> samples, string path, double scale = 1) =>
        [.. samples.Select(s => Json.Number(s, path) is { } v ? v * scale : (double?)null)];

    /// <summary>Decodes a kind's histogram; null when the file has none or it does not decode.</summary>
    public static HistogramBase? Histogram(RunDocument doc, LatencyKind kind) =>
        HistogramCodec.TryDecode(doc.Histogram(kind), out var h) && h is { TotalCount: > 0 } ? h : null;

    /// <summary>
    /// Latency (ms) at each <see cref="SpectrumGrid"/> point, up to the first point past the
    /// sample count (beyond it every percentile is the maximum); null after that.
    /// </summary>
    public static IReadOnlyList<double?> Spectrum(HistogramBase histogram)
    {
        var values = new double?[SpectrumGrid.Count];
        for (var i = 0; i < SpectrumGrid.Count; i++)
        {
            var percentile = 100 * (1 - 1 / SpectrumGrid[i]);
            values[i] = histogram.GetValueAtPercentile(percentile) / 1000.0;
            if (SpectrumGrid[i] >= histogram.TotalCount)
                break;
        }
        return values;
    }
}
