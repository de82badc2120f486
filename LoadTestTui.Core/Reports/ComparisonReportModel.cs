using System.Globalization;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// The comparison report: the verdict table, then both runs overlaid on the same charts
/// (base solid, new dashed). A pure function of the two results files.
/// </summary>
public static class ComparisonReportModel
{
    private const string BaseColor = "#2f6fde";
    private const string NewColor = "#e8590c";

    public static ReportModel Build(RunComparison comparison)
    {
        var (a, b) = (comparison.Base, comparison.New);
        var counts = comparison.Rows.GroupBy(r => r.Verdict).ToDictionary(g => g.Key, g => g.Count());
        return new ReportModel(
            $"Comparison: {a.Name} → {b.Name}",
            $"base run {a.RunId} ({a.Target ?? "unknown target"}) against new run {b.RunId} ({b.Target ?? "unknown target"})",
            [
                new("Worse", counts.GetValueOrDefault(Verdict.Worse).ToString(CultureInfo.InvariantCulture), counts.GetValueOrDefault(Verdict.Worse) > 0 ? "bad" : "good"),
                new("Better", counts.GetValueOrDefault(Verdict.Better).ToString(CultureInfo.InvariantCulture), counts.GetValueOrDefault(Verdict.Better) > 0 ? "good" : null),
                new("Same within noise", counts.GetValueOrDefault(Verdict.Same).ToString(CultureInfo.InvariantCulture)),
                new("Not comparable", counts.GetValueOrDefault(Verdict.NotComparable).ToString(CultureInfo.InvariantCulture)),
            ],
            [
                Verdicts(comparison),
                Overlay("bots", "Bots online", a, b, [("online", r => r.Online, "bots", "")]),
                Latency(a, b),
                Overlay("throughput", "Throughput", a, b, [("messages-received", r => r.ReceivedPerSecond, "messages received/s", "/s"), ("messages-sent", r => r.SentPerSecond, "messages sent/s", "/s"), ("bytes-in", r => r.BytesReceivedPerSecond, "bytes in/s", "bytes")]),
                Errors(a, b),
                Server(a, b),
                Environment(a, b),
            ]);
    }

    private static ReportSection Verdicts(RunComparison comparison) => new("verdicts", "Verdicts")
    {
        Notes = [.. comparison.Notes, "Latency noise is a 95 % order-statistic confidence interval of each percentile from the histograms; counts use Poisson counting error. See docs/formats.md."],
        Tables =
        [
            new ReportTable("Figures that matter", ["Group", "Figure", "Base", "New", "Change", "Verdict", "Noise"],
                [.. comparison.Rows.Select(r => (IReadOnlyList<ReportCell>)
                [
                    r.Group, r.Figure, ReportFormat.In(r.Unit, r.Base), ReportFormat.In(r.Unit, r.New), ChangeText(r),
                    new ReportCell(VerdictText(r.Verdict), r.Verdict switch { Verdict.Worse => "bad", Verdict.Better => "good", Verdict.NotComparable => "muted", _ => null }),
                    r.Noise,
                ])]),
        ],
    };

    public static string VerdictText(Verdict verdict) => verdict switch
    {
        Verdict.Better => "better",
        Verdict.Worse => "worse",
        Verdict.Same => "same within noise",
        _ => "not comparable",
    };

    public static string ChangeText(ComparisonRow row) =>
        row.Change is not { } change ? "—"
        : (change >= 0 ? "+" : "") + ReportFormat.In(row.Unit, change)
          + (row.ChangePercent is { } p ? $" ({(p >= 0 ? "+" : "")}{p.ToString("0.#", CultureInfo.InvariantCulture)} %)" : "");

    private static ReportSection Overlay(string id, string title, RunDocument a, RunDocument b, (string Id, Func<TimelineReportRow, double?> Field, string Label, string Unit)[] charts)
    {
        var x = Union(RunSeries.Seconds(a), RunSeries.Seconds(b));
        var specs = new List<ChartSpec>();
        var notes = new List<string>();
        foreach (var c in charts)
        {
            if (!RunSeries.HasTimeline(a, c.Field) || !RunSeries.HasTimeline(b, c.Field))
            {
                notes.Add($"{c.Label}: not recorded in both files.");
                continue;
            }
            specs.Add(new ChartSpec($"{id}-{c.Id}", c.Label, "run time (s)", c.Label, x,
            [
                new("base", Align(a, RunSeries.Timeline(a, c.Field), x), BaseColor),
                new("new", Align(b, RunSeries.Timeline(b, c.Field), x), NewColor) { Dashed = true },
            ]) { Unit = c.Unit });
        }
        return new ReportSection(id, title) { Notes = notes, Charts = specs };
    }

    private static ReportSection Latency(RunDocument a, RunDocument b)
    {
        var x = Union(RunSeries.Seconds(a), RunSeries.Seconds(b));
        var charts = new List<ChartSpec>();
        var notes = new List<string>();
        foreach (var kind in LatencyChart.All)
        {
            var (ha, hb) = (RunSeries.Histogram(a, kind), RunSeries.Histogram(b, kind));
            if (ha is not null && hb is not null)
            {
                charts.Add(new ChartSpec($"spectrum-{kind.TimelineKey}", $"{kind.Label}: latency by percentile", "percentile", "ms", RunSeries.SpectrumGrid,
                [
                    new("base", RunSeries.Spectrum(ha), BaseColor),
                    new("new", RunSeries.Spectrum(hb), NewColor) { Dashed = true },
                ]) { XKind = "percentile", Unit = "ms", LogY = true });
            }
            if (a.HasSecondLatency(kind) && b.HasSecondLatency(kind)
                && RunSeries.SecondLatency(a, kind, l => l.P50).Concat(RunSeries.SecondLatency(b, kind, l => l.P50)).Any(v => v is not null))
            {
                var key = kind.TimelineKey;
                charts.Add(new ChartSpec($"latency-{key}", $"{kind.Label}: p50 and p99 per second", "run time (s)", "ms", x,
                [
                    new("base p50", Align(a, RunSeries.SecondLatency(a, kind, l => l.P50), x), BaseColor),
                    new("base p99", Align(a, RunSeries.SecondLatency(a, kind, l => l.P99), x), "#7aa5f0"),
                    new("new p50", Align(b, RunSeries.SecondLatency(b, kind, l => l.P50), x), NewColor) { Dashed = true },
                    new("new p99", Align(b, RunSeries.SecondLatency(b, kind, l => l.P99), x), "#f4a56b") { Dashed = true },
                ]) { Unit = "ms" });
            }
            else if (ha is null || hb is null)
            {
                notes.Add($"{kind.Label} latency: not recorded in both files.");
            }
        }
        return new ReportSection("latency", "Latency") { Notes = notes, Charts = charts };
    }

    private static ReportSection Errors(RunDocument a, RunDocument b)
    {
        var x = Union(RunSeries.Seconds(a), RunSeries.Seconds(b));
        return new ReportSection("errors", "Errors")
        {
            Charts = x.Count == 0 ? [] :
            [
                new ChartSpec("errors", "Errors per second (all classes)", "run time (s)", "errors/s", x,
                [
                    new("base", Align(a, RunSeries.ErrorsPerSecond(a), x), BaseColor),
                    new("new", Align(b, RunSeries.ErrorsPerSecond(b), x), NewColor) { Dashed = true },
                ]) { Unit = "/s" },
            ],
        };
    }

    private static ReportSection Server(RunDocument a, RunDocument b)
    {
        var (sa, sb) = (RunSeries.ServerSamples(a), RunSeries.ServerSamples(b));
        if (sa.Count == 0 || sb.Count == 0)
            return new ReportSection("server", "Server") { Notes = ["Server resources: not recorded in both files (a server was not monitored)."] };
        IReadOnlyList<double> xa = [.. sa.Select(s => s.Elapsed)];
        IReadOnlyList<double> xb = [.. sb.Select(s => s.Elapsed)];
        var x = Union(xa, xb);
        ChartSpec Chart(string id, string title, Func<MonitorSampleJson, double?> field, string unit) => new(id, title, "run time (s)", title, x,
        [
            new("base", AlignTo(xa, RunSeries.Server(sa, field), x), BaseColor),
            new("new", AlignTo(xb, RunSeries.Server(sb, field), x), NewColor) { Dashed = true },
        ]) { Unit = unit };
        return new ReportSection("server", "Server")
        {
            Charts = [Chart("server-cpu", "Server CPU %", s => s.Process?.CpuPercent, "%"), Chart("server-rss", "Server memory (RSS)", s => s.Process?.ResidentBytes, "bytes")],
        };
    }

    private static ReportSection Environment(RunDocument a, RunDocument b)
    {
        (string Field, Func<RunInfo, object?> Value)[] fields =
        [
            ("run_id", r => r.RunId), ("host", r => r.Host), ("port", r => r.Port), ("tool_version", r => r.ToolVersion), ("target_bots", r => r.TargetBots),
            ("ramp_per_s", r => r.RampPerSecond), ("duration_s", r => r.DurationSeconds), ("started_at", r => r.StartedAt), ("ended_at", r => r.EndedAt),
            ("machine.host_name", r => r.Machine?.HostName), ("machine.cpus", r => r.Machine?.Cpus), ("options.chat_interval_min_s", r => r.Options?.ChatIntervalMin),
            ("options.chat_interval_max_s", r => r.Options?.ChatIntervalMax), ("options.ping_interval_s", r => r.Options?.PingInterval),
            ("options.heartbeat_interval_s", r => r.Options?.HeartbeatInterval), ("options.encoding", r => r.Options?.Encoding), ("options.max_frame", r => r.Options?.MaxFrame),
            ("options.key_sha256", r => r.Options?.KeySha256),
        ];
        static ReportCell Cell(RunDocument d, Func<RunInfo, object?> value) => d.Run is { } run && value(run) is { } v
            ? v switch
            {
                DateTimeOffset t => ReportFormat.Time(t)!,
                IFormattable n => n.ToString("0.###", CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }
            : new ReportCell(ReportFormat.NotRecorded, "muted");
        return new ReportSection("environment", "Environment")
        {
            Tables =
            [
                new ReportTable("Both runs", ["Field", "Base", "New"],
                [
                    ["file", a.Name, b.Name],
                    ["elapsed_time", ReportFormat.Seconds(a.ElapsedSeconds), ReportFormat.Seconds(b.ElapsedSeconds)],
                    .. fields.Select(f => (IReadOnlyList<ReportCell>)[f.Field, Cell(a, f.Value), Cell(b, f.Value)]),
                ]),
            ],
        };
    }

    private static List<double> Union(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        [.. a.Concat(b).Where(double.IsFinite).Distinct().Order()];

    private static IReadOnlyList<double?> Align(RunDocument doc, IReadOnlyList<double?> values, IReadOnlyList<double> x) =>
        AlignTo(RunSeries.Seconds(doc), values, x);

    /// <summary>Values placed on a shared x axis; null where this run has no point.</summary>
    private static double?[] AlignTo(IReadOnlyList<double> xs, IReadOnlyList<double?> values, IReadOnlyList<double> x)
    {
        var at = new Dictionary<double, double?>();
        for (var i = 0; i < xs.Count && i < values.Count; i++)
            at.TryAdd(xs[i], values[i]);
        return [.. x.Select(v => at.GetValueOrDefault(v))];
    }
}
