using HdrHistogram;

using LoadTestTui.Core.Export;

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

    public static IReadOnlyList<double> Seconds(RunDocument doc) => [.. doc.Timeline.Select(r => r.T ?? double.NaN)];

    /// <summary>One timeline field per row.</summary>
    public static IReadOnlyList<double?> Timeline(RunDocument doc, Func<TimelineReportRow, double?> field) => [.. doc.Timeline.Select(field)];

    /// <summary>One bot state's count per row; null for a row without states.</summary>
    public static IReadOnlyList<double?> State(RunDocument doc, string state) =>
        Timeline(doc, r => r.States is { } states ? states.GetValueOrDefault(state) : null);

    /// <summary>A per-second latency figure; null for a second without samples (the file writes 0 there, which is not a latency).</summary>
    public static IReadOnlyList<double?> SecondLatency(RunDocument doc, LatencyChart kind, Func<SecondLatencyReport, double?> stat) =>
        Timeline(doc, r => kind.Second(r) is { Samples: > 0 } second ? stat(second) : null);

    /// <summary>The older rows' chat echo <c>p50</c>/<c>p99</c>, where 0 meant "no echo this second".</summary>
    public static IReadOnlyList<double?> OldSecondLatency(RunDocument doc, Func<TimelineReportRow, double?> stat) =>
        [.. Timeline(doc, stat).Select(v => v > 0 ? v : null)];

    /// <summary>Whether any timeline row has this field.</summary>
    public static bool HasTimeline(RunDocument doc, Func<TimelineReportRow, double?> field) => doc.Timeline.Any(r => field(r) is not null);

    /// <summary>Errors per second by class: from <c>errors_by_class</c>, or null when the file does not split them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double?>>? ErrorsByClass(RunDocument doc)
    {
        if (!doc.Timeline.Any(r => r.ErrorsByClass is not null))
            return null;
        var classes = doc.Timeline.SelectMany(r => r.ErrorsByClass?.Keys ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        return classes.ToDictionary(c => c, c => Timeline(doc, r => r.ErrorsByClass is { } byClass ? byClass.GetValueOrDefault(c) : null));
    }

    /// <summary>Total errors per second from the cumulative <c>errors</c> column (older files): differences of recorded counts.</summary>
    public static IReadOnlyList<double?> ErrorsPerSecond(RunDocument doc)
    {
        var cumulative = Timeline(doc, r => r.Errors);
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
    public static IReadOnlyList<MonitorSampleJson> ServerSamples(RunDocument doc) => [.. doc.Server?.Samples?.OfType<MonitorSampleJson>() ?? []];

    public static IReadOnlyList<double?> Server(IReadOnlyList<MonitorSampleJson> samples, Func<MonitorSampleJson, double?> field, double scale = 1) =>
        [.. samples.Select(s => field(s) is { } v ? v * scale : (double?)null)];

    /// <summary>Decodes a kind's histogram; null when the file has none or it does not decode.</summary>
    public static HistogramBase? Histogram(RunDocument doc, LatencyChart kind) =>
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
