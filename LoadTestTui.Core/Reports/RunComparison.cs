using System.Globalization;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// Two runs' figures side by side with a verdict each: a pure function of the two results
/// files. Noise comes from the data where it can: latency percentiles from the histograms
/// (<see cref="QuantileInterval"/>), counts and rates from Poisson counting error, server CPU
/// from the spread of its samples. A <c>--tolerance</c> replaces every noise band with a
/// plain relative band.
/// </summary>
public sealed record RunComparison(RunDocument Base, RunDocument New, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>Relative band for figures without a noise model (peak memory), in percent.</summary>
    public const double DefaultTolerancePercent = 5;

    /// <summary>A change smaller than this fraction of the base is never called better or worse, however certain: it does not matter.</summary>
    public const double MinimumEffect = 0.01;

    private static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public bool Regressed => Rows.Any(r => r.Verdict == Verdict.Worse);

    /// <summary>What a reader must know before the table: targets that differ, and workload differences (compared anyway with --force).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <param name="tolerancePercent">When given, a change within ±this percent is "same" for every figure.</param>
    public static RunComparison Compare(RunDocument a, RunDocument b, double? tolerancePercent = null)
    {
        var rows = new List<ComparisonRow>();
        // A kind neither file carries (registration, before it is recorded) is left out, not listed as missing.
        foreach (var kind in LatencyChart.All.Where(k => a.Summary(k) is not null || b.Summary(k) is not null))
            rows.AddRange(Latency(a, b, kind, tolerancePercent));
        var (ta, tb) = (Math.Max(a.ElapsedSeconds, 1e-3), Math.Max(b.ElapsedSeconds, 1e-3));
        rows.Add(Rate("errors", "errors per second", a, b, r => r.ErrorCount, ta, tb, lowerIsBetter: true, tolerancePercent));
        var classes = new[] { a, b }.SelectMany(d => d.Report.Errors?.Where(p => p.Value > 0).Select(p => p.Key) ?? []).Distinct().Order(StringComparer.Ordinal);
        foreach (var name in classes)
            rows.Add(Rate("errors", $"{name} per second", a, b, r => r.Errors is { } errors ? errors.GetValueOrDefault(name) : null, ta, tb, lowerIsBetter: true, tolerancePercent));
        rows.Add(Rate("throughput", "messages sent per second", a, b, r => r.MessagesSent, ta, tb, lowerIsBetter: false, tolerancePercent));
        rows.Add(Rate("throughput", "messages received per second", a, b, r => r.MessagesReceived, ta, tb, lowerIsBetter: false, tolerancePercent));
        foreach (var (field, count) in new (string, Func<DeliveryReport, long?>)[] { ("lost", d => d.Lost), ("duplicated", d => d.Duplicated), ("out_of_order", d => d.OutOfOrder) })
        {
            rows.Add(Rate("delivery", $"{field} per 1000 expected", a, b, r => r.Delivery is { } d ? count(d) : null,
                a.Report.Delivery?.Expected ?? 0, b.Report.Delivery?.Expected ?? 0, lowerIsBetter: true, tolerancePercent, scale: 1000));
        }
        rows.Add(Exact("bots", "peak online", "", a.Report.PeakConnectedBots, b.Report.PeakConnectedBots, lowerIsBetter: false, tolerancePercent));
        rows.Add(ServerCpu(a, b, tolerancePercent));
        rows.Add(Relative("server", "peak memory (RSS)", "bytes", ServerMax(a, s => s.Process?.ResidentBytes), ServerMax(b, s => s.Process?.ResidentBytes), lowerIsBetter: true, tolerancePercent ?? DefaultTolerancePercent, tolerancePercent is null ? "±5 % (no noise model)" : null));
        if (Capacity(a) is not null || Capacity(b) is not null)
            rows.Add(Exact("capacity", "capacity found (bots)", "", Capacity(a), Capacity(b), lowerIsBetter: false, tolerancePercent));
        return new RunComparison(a, b, rows)
        {
            Notes = [.. Workload.TargetNote(a, b) is { } note ? [note] : Array.Empty<string>(), .. Workload.Differences(a, b).Select(d => $"warning: workloads differ: {d}")],
        };
    }

    private static IEnumerable<ComparisonRow> Latency(RunDocument a, RunDocument b, LatencyChart kind, double? tolerance)
    {
        var (ha, hb) = (RunSeries.Histogram(a, kind), RunSeries.Histogram(b, kind));
        foreach (var p in Percentiles)
        {
            var figure = $"{kind.Label} p{p.ToString(CultureInfo.InvariantCulture)}";
            double? va = ha is not null ? ha.GetValueAtPercentile(p) / 1000.0 : SummaryAt(a.Summary(kind), p);
            double? vb = hb is not null ? hb.GetValueAtPercentile(p) / 1000.0 : SummaryAt(b.Summary(kind), p);
            if (a.Summary(kind)?.Samples == 0)
                va = null;
            if (b.Summary(kind)?.Samples == 0)
                vb = null;
            if (va is null || vb is null || tolerance is not null || ha is null || hb is null)
            {
                var band = tolerance ?? DefaultTolerancePercent;
                yield return Relative("latency", figure, "ms", va, vb, lowerIsBetter: true, band,
                    tolerance is null && va is not null && vb is not null ? "±5 % (no histogram in a file)" : null);
                continue;
            }
            var (ia, ib) = (QuantileInterval.Of(ha, p), QuantileInterval.Of(hb, p));
            var verdict = ia.Overlaps(ib) || Math.Abs(vb.Value - va.Value) < MinimumEffect * va.Value ? Verdict.Same
                : ib.LowMs > ia.HighMs ? Verdict.Worse : Verdict.Better;
            yield return new ComparisonRow("latency", figure, "ms", va, vb, verdict,
                $"95 % CI {Range(ia)} vs {Range(ib)}");
        }
    }

    private static double? SummaryAt(LatencyReport? summary, double percentile) => percentile switch
    {
        50 => summary?.P50,
        90 => summary?.P90,
        99 => summary?.P99,
        _ => summary?.P999,
    };

    private static string Range(QuantileInterval i) =>
        $"{i.LowMs.ToString("0.###", CultureInfo.InvariantCulture)}–{i.HighMs.ToString("0.###", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A count per unit of exposure (seconds, expected deliveries). Counts are taken as Poisson:
    /// the difference of two rates is noise unless it exceeds 1.96 standard errors, with one
    /// pseudo-count each so that 0 against 2 is not called a change.
    /// </summary>
    private static ComparisonRow Rate(string group, string figure, RunDocument a, RunDocument b, Func<RunReport, double?> count, double ea, double eb, bool lowerIsBetter, double? tolerance, double scale = 1)
    {
        var (ca, cb) = (count(a.Report), count(b.Report));
        if (ca is null || cb is null || ea <= 0 || eb <= 0)
            return new ComparisonRow(group, figure, "", ca is null || ea <= 0 ? null : ca / ea * scale, cb is null || eb <= 0 ? null : cb / eb * scale, Verdict.NotComparable, "not in both files");
        var (ra, rb) = (ca.Value / ea * scale, cb.Value / eb * scale);
        if (tolerance is { } t)
            return Relative(group, figure, "", ra, rb, lowerIsBetter, t, null);
        var noise = QuantileInterval.Z95 * scale * Math.Sqrt((ca.Value + 1) / (ea * ea) + (cb.Value + 1) / (eb * eb));
        return new ComparisonRow(group, figure, "", ra, rb, Judge(rb - ra, Math.Max(noise, MinimumEffect * ra), lowerIsBetter),
            $"±{noise.ToString("0.###", CultureInfo.InvariantCulture)} (counting error)");
    }

    private static ComparisonRow ServerCpu(RunDocument a, RunDocument b, double? tolerance)
    {
        var (sa, sb) = (CpuSamples(a), CpuSamples(b));
        if (sa.Count == 0 || sb.Count == 0)
            return new ComparisonRow("server", "CPU (mean %)", "%", sa.Count == 0 ? null : sa.Average(), sb.Count == 0 ? null : sb.Average(), Verdict.NotComparable, "server not monitored in both");
        var (ma, mb) = (sa.Average(), sb.Average());
        if (tolerance is { } t)
            return Relative("server", "CPU (mean %)", "%", ma, mb, lowerIsBetter: true, t, null);
        // Standard error of each mean from its samples' spread.
        static double Se(IReadOnlyList<double> s) => s.Count < 2 ? 0 : Math.Sqrt(s.Sum(v => (v - s.Average()) * (v - s.Average())) / (s.Count - 1) / s.Count);
        var noise = QuantileInterval.Z95 * Math.Sqrt(Se(sa) * Se(sa) + Se(sb) * Se(sb));
        return new ComparisonRow("server", "CPU (mean %)", "%", ma, mb, Judge(mb - ma, Math.Max(noise, MinimumEffect * ma), lowerIsBetter: true),
            $"±{noise.ToString("0.##", CultureInfo.InvariantCulture)} (spread of samples)");
    }

    private static List<double> CpuSamples(RunDocument doc) =>
        [.. RunSeries.Server(RunSeries.ServerSamples(doc), s => s.Process?.CpuPercent).OfType<double>()];

    private static double? ServerMax(RunDocument doc, Func<MonitorSampleJson, double?> field) =>
        RunSeries.Server(RunSeries.ServerSamples(doc), field).OfType<double>().Select(v => (double?)v).Max();

    private static double? Capacity(RunDocument doc) => RunReportModel.CapacityFound(doc);

    private static ComparisonRow Exact(string group, string figure, string unit, double? a, double? b, bool lowerIsBetter, double? tolerance)
    {
        if (a is null || b is null)
            return new ComparisonRow(group, figure, unit, a, b, Verdict.NotComparable, "not in both files");
        return tolerance is { } t
            ? Relative(group, figure, unit, a, b, lowerIsBetter, t, null)
            : new ComparisonRow(group, figure, unit, a, b, Judge(b.Value - a.Value, 0, lowerIsBetter), "exact");
    }

    private static ComparisonRow Relative(string group, string figure, string unit, double? a, double? b, bool lowerIsBetter, double percent, string? noise)
    {
        if (a is null || b is null)
            return new ComparisonRow(group, figure, unit, a, b, Verdict.NotComparable, "not in both files");
        var band = Math.Abs(a.Value) * percent / 100;
        return new ComparisonRow(group, figure, unit, a, b, Judge(b.Value - a.Value, band, lowerIsBetter),
            noise ?? $"±{percent.ToString("0.##", CultureInfo.InvariantCulture)} % (tolerance)");
    }

    private static Verdict Judge(double change, double noise, bool lowerIsBetter) =>
        Math.Abs(change) <= noise ? Verdict.Same : (change < 0) == lowerIsBetter ? Verdict.Better : Verdict.Worse;
}
