using System.Globalization;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// The report of one run: a pure function of its results file. Every section a file cannot
/// fill says so ("not recorded in this file") instead of showing a made-up value.
/// </summary>
public static class RunReportModel
{
    public static ReportModel Build(RunDocument doc)
    {
        var target = doc.Target ?? "unknown target";
        var started = ReportFormat.Time(doc.Run?.StartedAt ?? doc.Run?.WrittenAt);
        return new ReportModel(
            $"Load test {doc.RunId}".TrimEnd(),
            $"{target} · {doc.Name}" + (started is null ? "" : $" · {started}"),
            Figures(doc),
            [
                Summary(doc),
                Thresholds(doc),
                BotsOnline(doc),
                Latency(doc),
                Throughput(doc),
                Errors(doc),
                Delivery(doc),
                ServerSection(doc),
                Capacity(doc),
                BotTables(doc),
                Environment(doc),
            ]);
    }

    private static List<KeyFigure> Figures(RunDocument doc)
    {
        var r = doc.Report;
        var errors = r.ErrorCount;
        var lost = r.Delivery?.Lost;
        return
        [
            new("Duration", ReportFormat.Seconds(doc.ElapsedSeconds)),
            new("Peak online", ReportFormat.Count(r.PeakConnectedBots)),
            new("Messages sent", ReportFormat.Count(r.MessagesSent)),
            new("Messages received", ReportFormat.Count(r.MessagesReceived)),
            new("Chat echo p99", ReportFormat.Ms(r.Latency?.P99)),
            new("Errors", ReportFormat.Count(errors), errors > 0 ? "bad" : "good"),
            new("Lost messages", ReportFormat.Count(lost), lost > 0 ? "bad" : lost is null ? null : "good"),
        ];
    }

    private static ReportSection Summary(RunDocument doc)
    {
        // The original tool's fields first, in its order, then ours; each named as in the JSON.
        var r = doc.Report;
        (string Field, string? Value)[] fields =
        [
            ("test_running", Yes(r.TestRunning)), ("elapsed_time", Unit(r.ElapsedTime, " s")), ("total_bots", Number(r.TotalBots)),
            ("connected_bots", Number(r.ConnectedBots)), ("messages_sent", Number(r.MessagesSent)), ("messages_received", Number(r.MessagesReceived)),
            ("error_count", Number(r.ErrorCount)), ("latency.avg", Unit(r.Latency?.Avg, " ms")), ("latency.min", Unit(r.Latency?.Min, " ms")),
            ("latency.max", Unit(r.Latency?.Max, " ms")), ("latency.samples", Number(r.Latency?.Samples)), ("peak_connected_bots", Number(r.PeakConnectedBots)),
            ("totals.connects", Number(r.Totals?.Connects)), ("totals.reconnects", Number(r.Totals?.Reconnects)),
            ("totals.frames_sent", Number(r.Totals?.FramesSent)), ("totals.frames_received", Number(r.Totals?.FramesReceived)),
            ("totals.bytes_sent", Number(r.Totals?.BytesSent)), ("totals.bytes_received", Number(r.Totals?.BytesReceived)),
            ("totals.pings_sent", Number(r.Totals?.PingsSent)), ("totals.pongs_received", Number(r.Totals?.PongsReceived)),
            ("totals.goodbyes_sent", Number(r.Totals?.GoodbyesSent)), ("totals.goodbyes_acknowledged", Number(r.Totals?.GoodbyesAcknowledged)),
            ("totals.state_transitions", Number(r.Totals?.StateTransitions)),
        ];
        var rows = fields.Select(f => (IReadOnlyList<ReportCell>)[f.Field, f.Value is { } v ? v : new ReportCell(ReportFormat.NotRecorded, "muted")]).ToList();
        return new ReportSection("summary", "Summary")
        {
            Tables = [new ReportTable("Results (the original tool's fields first)", ["JSON field", "Value"], rows) { Pairs = true }],
        };
    }

    private static ReportSection Thresholds(RunDocument doc)
    {
        var section = new ReportSection("thresholds", "Thresholds");
        if (doc.Report.Thresholds?.OfType<ThresholdReport>().ToList() is not { Count: > 0 } thresholds)
            return section with { Notes = [$"Thresholds: {ReportFormat.NotRecorded}."] };
        var rows = thresholds.Select(t => (IReadOnlyList<ReportCell>)
        [
            t.Expression ?? "", t.Metric ?? "", $"{t.Op} {Number(t.Limit)} {t.Unit}".Trim(), t.WindowSeconds is { } w ? ReportFormat.Seconds(w) : "whole run",
            Yes(t.Abort) ?? "", t.Measured is { } m ? $"{Number(m)} {t.Unit}".Trim() : "—", Verdict(t.Passed),
        ]).ToList();
        return section with { Tables = [new ReportTable("Thresholds", ["Threshold", "Metric", "Limit", "Window", "Abort", "Measured", "Verdict"], rows)] };
    }

    private static ReportSection BotsOnline(RunDocument doc)
    {
        var x = RunSeries.Seconds(doc);
        var notes = new List<string>();
        var series = new List<ChartSeries>();
        if (doc.Timeline.Any(r => r.States is not null))
        {
            foreach (var (state, color) in StateColors)
                series.Add(new ChartSeries(state, RunSeries.State(doc, state), color) { Stack = true });
        }
        else
        {
            series.Add(new ChartSeries("online", RunSeries.Timeline(doc, r => r.Online), StateColors[2].Color));
            notes.Add($"Bot states per second: {ReportFormat.NotRecorded} (online only).");
        }
        if (RunSeries.HasTimeline(doc, r => r.Target))
            series.Add(new ChartSeries("target", RunSeries.Timeline(doc, r => r.Target), "#6b7280") { Dashed = true });
        else
            notes.Add($"Target per second: {ReportFormat.NotRecorded}.");
        var shades = PlanStages(doc.Report.Plan);
        if (shades.Count == 0)
            notes.Add("Plan stages: none recorded in this file (nothing shaded).");
        if (x.Count == 0)
            return new ReportSection("bots", "Bots") { Notes = [$"Timeline: {ReportFormat.NotRecorded}."] };
        return new ReportSection("bots", "Bots")
        {
            Notes = notes,
            Charts = [new ChartSpec("bots-online", "Bots online and target, by state", "run time (s)", "bots", x, series) { Shades = shades }],
        };
    }

    internal static readonly (string State, string Color)[] StateColors =
    [
        ("connecting", "#f2c94c"), ("registering", "#56ccf2"), ("online", "#27ae60"),
        ("reconnecting", "#f2994a"), ("stopping", "#9b51e0"), ("failed", "#eb5757"),
    ];

    /// <summary>Plan stages as shaded spans: each stage's start is the end of the one before.</summary>
    internal static List<ChartShade> PlanStages(PlanReport? plan)
    {
        var shades = new List<ChartShade>();
        var start = 0.0;
        foreach (var stage in plan?.Stages?.OfType<StageReport>() ?? [])
        {
            if (stage.DurationSeconds is not { } duration)
                break;
            var label = $"stage {shades.Count + 1}" + (stage.Target is { } t ? $" → {t} bots" : "");
            shades.Add(new ChartShade(start, start + duration, label));
            start += duration;
        }
        return shades;
    }

    private static ReportSection Latency(RunDocument doc)
    {
        var x = RunSeries.Seconds(doc);
        var notes = new List<string>();
        var charts = new List<ChartSpec>();
        foreach (var kind in LatencyChart.All)
        {
            if (doc.HasSecondLatency(kind) && RunSeries.SecondLatency(doc, kind, l => l.P50).All(v => v is null))
            {
                notes.Add($"{kind.Label} latency per second: no samples in this run.");
            }
            else if (doc.HasSecondLatency(kind))
            {
                charts.Add(new ChartSpec($"latency-{kind.TimelineKey}", $"{kind.Label} latency per second", "run time (s)", "ms", x,
                [
                    new("p50", RunSeries.SecondLatency(doc, kind, l => l.P50), "#27ae60"),
                    new("p90", RunSeries.SecondLatency(doc, kind, l => l.P90), "#2f80ed"),
                    new("p99", RunSeries.SecondLatency(doc, kind, l => l.P99), "#f2994a"),
                    new("max", RunSeries.SecondLatency(doc, kind, l => l.Max), "#eb5757") { Dashed = true },
                ]) { Unit = "ms" });
            }
            else if (kind == LatencyChart.ChatEcho && RunSeries.HasTimeline(doc, r => r.P50))
            {
                charts.Add(new ChartSpec("latency-chat", "Chat echo latency per second", "run time (s)", "ms", x,
                [
                    new("p50", RunSeries.OldSecondLatency(doc, r => r.P50), "#27ae60"),
                    new("p99", RunSeries.OldSecondLatency(doc, r => r.P99), "#f2994a"),
                ]) { Unit = "ms" });
                notes.Add($"Chat echo p90 and max per second: {ReportFormat.NotRecorded} (older format).");
            }
            else
            {
                notes.Add($"{kind.Label} latency per second: {ReportFormat.NotRecorded}.");
            }
        }
        var spectra = LatencyChart.All.Select(k => (Kind: k, Histogram: RunSeries.Histogram(doc, k))).Where(p => p.Histogram is not null).ToList();
        if (spectra.Count > 0)
        {
            charts.Add(new ChartSpec("latency-spectrum", "Latency by percentile, whole run (from the histograms)", "percentile", "ms", RunSeries.SpectrumGrid,
                [.. spectra.Select(p => new ChartSeries(p.Kind.Label, RunSeries.Spectrum(p.Histogram!), p.Kind.Color))]) { XKind = "percentile", Unit = "ms", LogY = true });
        }
        else
        {
            notes.Add($"Latency histograms: {ReportFormat.NotRecorded} (no percentile spectrum).");
        }
        var rows = LatencyChart.All.Select(k => doc.Summary(k) is { } s
            ? (IReadOnlyList<ReportCell>)[k.Label, ReportFormat.Count(s.Samples), .. new[] { s.Min, s.Avg, s.P50, s.P90, s.P95, s.P99, s.P999, s.Max }.Select(v => (ReportCell)ReportFormat.Ms(v))]
            : [k.Label, new ReportCell(ReportFormat.NotRecorded, "muted"), "", "", "", "", "", "", "", ""]).ToList();
        return new ReportSection("latency", "Latency")
        {
            Notes = notes,
            Charts = charts,
            Tables = [new ReportTable("Whole run", ["Kind", "Samples", "Min", "Avg", "p50", "p90", "p95", "p99", "p99.9", "Max"], rows)],
        };
    }

    private static ReportSection Throughput(RunDocument doc)
    {
        var x = RunSeries.Seconds(doc);
        var charts = new List<ChartSpec>();
        var notes = new List<string>();
        if (RunSeries.HasTimeline(doc, r => r.SentPerSecond))
        {
            charts.Add(new ChartSpec("messages", "Chat messages per second", "run time (s)", "messages/s", x,
            [
                new("sent", RunSeries.Timeline(doc, r => r.SentPerSecond), "#2f80ed"),
                new("received", RunSeries.Timeline(doc, r => r.ReceivedPerSecond), "#27ae60"),
            ]) { Unit = "/s" });
        }
        if (RunSeries.HasTimeline(doc, r => r.BytesSentPerSecond))
        {
            charts.Add(new ChartSpec("bytes", "Bytes per second (whole frames)", "run time (s)", "bytes/s", x,
            [
                new("out", RunSeries.Timeline(doc, r => r.BytesSentPerSecond), "#2f80ed"),
                new("in", RunSeries.Timeline(doc, r => r.BytesReceivedPerSecond), "#27ae60"),
            ]) { Unit = "bytes" });
        }
        else
        {
            notes.Add($"Bytes per second: {ReportFormat.NotRecorded}.");
        }
        if (charts.Count == 0)
            notes.Insert(0, $"Messages per second: {ReportFormat.NotRecorded}.");
        return new ReportSection("throughput", "Throughput") { Notes = notes, Charts = charts };
    }

    private static ReportSection Errors(RunDocument doc)
    {
        var x = RunSeries.Seconds(doc);
        var notes = new List<string>();
        ChartSpec chart;
        if (RunSeries.ErrorsByClass(doc) is { } byClass)
        {
            chart = new ChartSpec("errors", "Errors per second by class", "run time (s)", "errors/s", x,
                [.. byClass.Select((p, i) => new ChartSeries(p.Key, p.Value, Palette[i % Palette.Length]) { Stack = true })]) { Unit = "/s" };
            if (byClass.Count == 0)
            {
                notes.Add("No errors were recorded during the run.");
                chart = chart with { Series = [new ChartSeries("errors", [.. x.Select(_ => (double?)0)], "#eb5757")] };
            }
        }
        else
        {
            chart = new ChartSpec("errors", "Errors per second (all classes)", "run time (s)", "errors/s", x,
                [new ChartSeries("errors", RunSeries.ErrorsPerSecond(doc), "#eb5757")]) { Unit = "/s" };
            notes.Add($"Errors per second by class: {ReportFormat.NotRecorded}; the total is the change of the cumulative count.");
        }
        var classes = doc.Report.Errors?.Select(p => (IReadOnlyList<ReportCell>)[p.Key, Count(p.Value)]).ToList() ?? [];
        var protocol = doc.Report.ProtocolErrors?.Select(p => (IReadOnlyList<ReportCell>)[p.Key, Count(p.Value)]).ToList() ?? [];
        return new ReportSection("errors", "Errors")
        {
            Notes = notes,
            Charts = x.Count == 0 ? [] : [chart],
            Tables =
            [
                new ReportTable("Errors by class, whole run", ["Class", "Count"], classes) { Empty = ReportFormat.NotRecorded, Pairs = true },
                new ReportTable("Protocol errors by reason", ["Reason", "Count"], protocol) { Empty = "none", Pairs = true },
            ],
        };
    }

    private static ReportCell Count(long n) => new(ReportFormat.Count(n), n > 0 ? "bad" : null);

    private static ReportSection Delivery(RunDocument doc)
    {
        var d = doc.Report.Delivery;
        (string Field, long? Value)[] fields =
            [("expected", d?.Expected), ("received", d?.Received), ("lost", d?.Lost), ("duplicated", d?.Duplicated), ("out_of_order", d?.OutOfOrder), ("untagged", d?.Untagged)];
        var rows = fields.Select(f => (IReadOnlyList<ReportCell>)[f.Field, f.Value is { } n
            ? new ReportCell(ReportFormat.Count(n), f.Field is "lost" or "duplicated" or "out_of_order" && n > 0 ? "bad" : null)
            : new ReportCell(ReportFormat.NotRecorded, "muted")]).ToList();
        if (d is { Expected: > 0 and var expected, Lost: { } lost })
            rows.Add(["loss rate", new ReportCell(ReportFormat.Percent(100.0 * lost / expected), lost > 0 ? "bad" : "good")]);
        return new ReportSection("delivery", "Delivery integrity")
        {
            Notes = d is { Expected: 0, Untagged: > 0 }
                ? ["Chats were not tagged (--no-tag): delivery counts are not available for this run."] : [],
            Tables = [new ReportTable("Tagged chats between this run's bots", ["Figure", "Count"], rows) { Pairs = true }],
        };
    }

    private static ReportSection ServerSection(RunDocument doc)
    {
        var samples = RunSeries.ServerSamples(doc);
        if (samples.Count == 0)
            return new ReportSection("server", "Server") { Notes = [$"Server resources: {ReportFormat.NotRecorded} (the server was not monitored)."] };
        IReadOnlyList<double> x = [.. samples.Select(s => s.Elapsed)];
        return new ReportSection("server", "Server")
        {
            Charts =
            [
                new ChartSpec("server-cpu", "Server CPU and memory", "run time (s)", "CPU %", x,
                [
                    new("CPU %", RunSeries.Server(samples, s => s.Process?.CpuPercent), "#eb5757"),
                    new("RSS", RunSeries.Server(samples, s => s.Process?.ResidentBytes), "#2f80ed") { Axis = 1 },
                ]) { Unit = "%", Y2Label = "memory (RSS)", Unit2 = "bytes" },
                new ChartSpec("server-threads", "Server threads and connections", "run time (s)", "count", x,
                [
                    new("threads", RunSeries.Server(samples, s => s.Process?.Threads), "#9b51e0"),
                    new("connections", RunSeries.Server(samples, s => s.Process?.Connections), "#27ae60"),
                    new("on load-test port", RunSeries.Server(samples, s => s.Process?.ConnectionsOnPort), "#f2994a") { Dashed = true },
                ]),
            ],
        };
    }

    private static ReportSection Capacity(RunDocument doc)
    {
        var section = new ReportSection("capacity", "Capacity search");
        var capacity = doc.Report.Capacity;
        if (capacity?.Steps?.OfType<CapacityStepReport>().ToList() is not { Count: > 0 } steps)
            return section with { Notes = [$"Capacity search: {ReportFormat.NotRecorded}."] };
        IReadOnlyList<double> x = [.. steps.Select(s => s.Bots ?? double.NaN)];
        var markers = new List<ChartMarker>();
        if (capacity.HoldsBots is { } found)
            markers.Add(new ChartMarker(found, $"holds {found} bots"));
        if (capacity.FailsAtBots is { } failsAt)
            markers.Add(new ChartMarker(failsAt, $"fails at {failsAt}"));
        var limits = capacity.SloLimits?.OfType<SloLimitReport>().ToList() ?? [];
        // One chart per SLO figure: each has its own unit and its own limit line.
        var metrics = steps.SelectMany(s => s.Figures?.Keys ?? []).Distinct().ToList();
        var charts = metrics.Select((metric, i) =>
        {
            var limit = limits.FirstOrDefault(l => l.Metric == metric);
            var unit = limit?.Unit ?? "";
            List<ChartLine> lines = limit is { Limit: { } value } ? [new ChartLine(value, $"SLO {limit.Expression}")] : [];
            return new ChartSpec($"capacity-{i}", $"Capacity steps: {metric} against bots", "bots", unit.Length == 0 ? metric : $"{metric} ({unit})", x,
                [new ChartSeries(metric, [.. steps.Select(s => s.Figures?.GetValueOrDefault(metric))], Palette[i % Palette.Length]) { Points = true }])
                { XKind = "number", Lines = lines, Markers = markers };
        }).ToList();
        var notes = new List<string>();
        if (capacity.Answer is { } answer)
            notes.Add(answer);
        if (charts.Count == 0)
            notes.Add($"SLO figures per step: {ReportFormat.NotRecorded}.");
        var rows = steps.Select(s => (IReadOnlyList<ReportCell>)
        [
            Number(s.Step) ?? "", Number(s.Bots) ?? "", Number(s.Online) ?? "", Number(s.FromSeconds) ?? "", Number(s.ToSeconds) ?? "",
            .. metrics.Select(m => (ReportCell)(Number(s.Figures?.GetValueOrDefault(m)) ?? "—")),
            Number(s.ServerCpuMax) ?? "—", Number(s.ServerMemoryMaxMb) ?? "—", Verdict(s.Passed), string.Join("; ", s.Failures ?? []),
        ]).ToList();
        return section with
        {
            Notes = notes,
            Charts = charts,
            Tables = [new ReportTable("Steps", ["step", "bots", "online", "from_s", "to_s", .. metrics, "server_cpu_max", "server_memory_max_mb", "passed", "failures"], rows)],
        };
    }

    /// <summary>The most bots the capacity search found the server to hold, when it found any.</summary>
    internal static double? CapacityFound(RunDocument doc) => doc.Report.Capacity?.HoldsBots;

    private static ReportSection BotTables(RunDocument doc)
    {
        var bots = doc.Bots;
        if (bots.Count == 0)
            return new ReportSection("bot-details", "Busiest and worst bots") { Notes = [$"Per-bot details: {ReportFormat.NotRecorded}."] };
        var busiest = bots.OrderByDescending(b => (b.MessagesSent ?? 0) + (b.MessagesReceived ?? 0)).Take(10);
        var worst = bots
            .OrderByDescending(b => b.State == "failed")
            .ThenByDescending(b => b.Reconnects ?? 0)
            .ThenByDescending(b => b.LastError is not null)
            .ThenByDescending(b => b.RttMax ?? 0)
            .Take(10);
        string[] columns = ["Bot", "State", "Sent", "Received", "Reconnects", "RTT avg", "RTT max", "Connected", "Pending pings", "Last error"];
        return new ReportSection("bot-details", "Busiest and worst bots")
        {
            Notes = [$"{bots.Count} bots in this file; ten of each shown. Worst: failed first, then most reconnects, an error, the highest echo RTT."],
            Tables = [new ReportTable("Busiest (messages sent + received)", columns, [.. busiest.Select(BotRow)]), new ReportTable("Worst", columns, [.. worst.Select(BotRow)])],
        };
    }

    private static IReadOnlyList<ReportCell> BotRow(BotReport b) =>
    [
        b.Name ?? "",
        new ReportCell(b.State ?? "", b.State == "failed" ? "bad" : null),
        ReportFormat.Count(b.MessagesSent),
        ReportFormat.Count(b.MessagesReceived),
        ReportFormat.Count(b.Reconnects),
        ReportFormat.Ms(b.RttAvg),
        ReportFormat.Ms(b.RttMax),
        b.Connected is { } c ? (c ? "yes" : "no") : new ReportCell("not recorded", "muted"),
        b.PendingPings is { } p ? ReportFormat.Count(p) : new ReportCell("not recorded", "muted"),
        new ReportCell(b.LastError ?? "", b.LastError is null ? null : "bad"),
    ];

    private static ReportSection Environment(RunDocument doc)
    {
        var run = doc.Run;
        // Fields added with "options": in a file that has them, null is a value ("none"); in an older file, not recorded.
        var later = run?.Options is not null;
        string? OrNone(string? value) => value ?? (later ? "none" : null);
        (string Label, string? Value)[] fields =
        [
            ("Tool", run?.Tool), ("Tool version", run?.ToolVersion), ("Run id", run?.RunId), ("Host", run?.Host), ("Port", Plain(run?.Port)),
            ("State when written", run?.State), ("Target bots", Plain(run?.TargetBots)), ("Ramp (bots/s)", Plain(run?.RampPerSecond)),
            ("Duration limit (s)", OrNone(Plain(run?.DurationSeconds))), ("Started", OrNone(ReportFormat.Time(run?.StartedAt))),
            ("Ended", OrNone(ReportFormat.Time(run?.EndedAt))), ("Written", ReportFormat.Time(run?.WrittenAt)),
        ];
        var rows = fields.Select(f => Row(f.Label, f.Value)).ToList();
        if (run?.Options is { } o)
        {
            rows.AddRange(new (string, string?)[]
            {
                ("name_prefix", o.NamePrefix), ("chat_interval_min_s", Plain(o.ChatIntervalMin)), ("chat_interval_max_s", Plain(o.ChatIntervalMax)),
                ("heartbeat_interval_s", Plain(o.HeartbeatInterval)), ("ping_interval_s", Plain(o.PingInterval)), ("tagged", Yes(o.Tagged)),
                ("connect_timeout_s", Plain(o.ConnectTimeout)), ("response_timeout_s", Plain(o.ResponseTimeout)),
                ("max_reconnects", Plain(o.MaxReconnects) ?? "unlimited"), ("encoding", o.Encoding), ("max_frame", Plain(o.MaxFrame)), ("key_sha256", o.KeySha256),
            }.Select(f => Row($"options.{f.Item1}", f.Item2)));
        }
        else
        {
            rows.Add(Row("options", null));
        }
        if (run?.Machine is { } m)
            rows.AddRange(new (string, string?)[] { ("host_name", m.HostName), ("os", m.Os), ("runtime", m.Runtime), ("cpus", Plain(m.Cpus)) }.Select(f => Row($"machine.{f.Item1}", f.Item2)));
        else
            rows.Add(Row("machine", null));
        rows.Add(Row("plan", PlanText(doc.Report.Plan)));
        return new ReportSection("environment", "Environment") { Tables = [new ReportTable("Run", ["Field", "Value"], rows) { Pairs = true }] };
    }

    /// <summary>A plan in one line: "NAME: from 0; 30 s → 100, 60 s → 100".</summary>
    internal static string? PlanText(PlanReport? plan) => plan is null ? null
        : $"{plan.Name ?? "plan"}: from {Plain(plan.StartTarget) ?? "?"}; "
          + string.Join(", ", plan.Stages?.OfType<StageReport>().Select(s => $"{Plain(s.DurationSeconds) ?? "?"} s → {Plain(s.Target) ?? "?"}") ?? []);

    private static IReadOnlyList<ReportCell> Row(string label, string? value) =>
        [label, value is null ? new ReportCell(ReportFormat.NotRecorded, "muted") : value];

    /// <summary>Numbers as the summary shows them: grouped, up to 3 decimals.</summary>
    private static string? Number(double? value) => value?.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>Numbers ungrouped (ports, ids).</summary>
    private static string? Plain(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Unit(double? value, string unit) => Number(value) is { } text ? text + unit : null;

    private static string? Yes(bool? value) => value is { } b ? (b ? "yes" : "no") : null;

    private static ReportCell Verdict(bool? passed) => passed is { } p ? new ReportCell(p ? "pass" : "fail", p ? "good" : "bad") : new ReportCell("—", "muted");

    internal static readonly string[] Palette = ["#eb5757", "#f2994a", "#f2c94c", "#9b51e0", "#2f80ed", "#56ccf2", "#27ae60", "#6b7280", "#bb6bd9"];
}
