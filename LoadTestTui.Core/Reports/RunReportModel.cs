using System.Text.Json.Nodes;

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
        var started = ReportFormat.Time(Json.Text(doc.Run, "started_at") ?? Json.Text(doc.Run, "written_at"));
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
        var errors = Json.Number(doc.Root, "error_count");
        var lost = Json.Number(doc.Root, "delivery.lost");
        return
        [
            new("Duration", ReportFormat.Seconds(doc.ElapsedSeconds)),
            new("Peak online", ReportFormat.Count(Json.Number(doc.Root, "peak_connected_bots"))),
            new("Messages sent", ReportFormat.Count(Json.Number(doc.Root, "messages_sent"))),
            new("Messages received", ReportFormat.Count(Json.Number(doc.Root, "messages_received"))),
            new("Chat echo p99", ReportFormat.Ms(Json.Number(doc.Root, "latency.p99"))),
            new("Errors", ReportFormat.Count(errors), errors > 0 ? "bad" : "good"),
            new("Lost messages", ReportFormat.Count(lost), lost > 0 ? "bad" : lost is null ? null : "good"),
        ];
    }

    private static ReportSection Summary(RunDocument doc)
    {
        // The original tool's fields first, in its order, then ours.
        string[] fields =
        [
            "test_running", "elapsed_time", "total_bots", "connected_bots", "messages_sent", "messages_received", "error_count",
            "latency.avg", "latency.min", "latency.max", "latency.samples", "peak_connected_bots", "totals.connects", "totals.reconnects",
            "totals.frames_sent", "totals.frames_received", "totals.bytes_sent", "totals.bytes_received", "totals.pings_sent",
            "totals.pongs_received", "totals.goodbyes_sent", "totals.goodbyes_acknowledged", "totals.state_transitions",
        ];
        var rows = fields.Select(f => (IReadOnlyList<ReportCell>)
        [
            f,
            Json.At(doc.Root, f) is { } node ? Json.Display(node) + (f.StartsWith("latency.", StringComparison.Ordinal) && f != "latency.samples" ? " ms" : f == "elapsed_time" ? " s" : "") : new ReportCell(ReportFormat.NotRecorded, "muted"),
        ]).ToList();
        return new ReportSection("summary", "Summary")
        {
            Tables = [new ReportTable("Results (the original tool's fields first)", ["JSON field", "Value"], rows) { Pairs = true }],
        };
    }

    private static ReportSection Thresholds(RunDocument doc)
    {
        var section = new ReportSection("thresholds", "Thresholds");
        return GenericTable(doc.Root["thresholds"], "Thresholds") is { } table
            ? section with { Tables = [table] }
            : section with { Notes = [$"Thresholds: {ReportFormat.NotRecorded}."] };
    }

    private static ReportSection BotsOnline(RunDocument doc)
    {
        var x = RunSeries.Seconds(doc);
        var notes = new List<string>();
        var series = new List<ChartSeries>();
        if (RunSeries.HasTimeline(doc, "states.online"))
        {
            foreach (var (state, color) in StateColors)
                series.Add(new ChartSeries(state, RunSeries.Timeline(doc, $"states.{state}"), color) { Stack = true });
        }
        else
        {
            series.Add(new ChartSeries("online", RunSeries.Timeline(doc, "online"), StateColors[2].Color));
            notes.Add($"Bot states per second: {ReportFormat.NotRecorded} (online only).");
        }
        if (RunSeries.HasTimeline(doc, "target"))
            series.Add(new ChartSeries("target", RunSeries.Timeline(doc, "target"), "#6b7280") { Dashed = true });
        else
            notes.Add($"Target per second: {ReportFormat.NotRecorded}.");
        var shades = PlanStages(doc.Root["plan"]);
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
    internal static List<ChartShade> PlanStages(JsonNode? plan)
    {
        var stages = (plan as JsonObject)?["stages"] as JsonArray ?? plan as JsonArray;
        var shades = new List<ChartShade>();
        var start = 0.0;
        foreach (var stage in stages ?? [])
        {
            var duration = Json.Number(stage, "duration_s") ?? Json.Number(stage, "duration");
            var from = Json.Number(stage, "start_s") ?? Json.Number(stage, "start") ?? start;
            var to = Json.Number(stage, "end_s") ?? Json.Number(stage, "end") ?? (duration is { } d ? from + d : (double?)null);
            if (to is not { } end)
                break;
            var label = Json.Text(stage, "name") ?? Json.Text(stage, "label") ?? $"stage {shades.Count + 1}";
            if (Json.Number(stage, "target") is { } t)
                label += $" → {t:0} bots";
            shades.Add(new ChartShade(from, end, label));
            start = end;
        }
        return shades;
    }

    private static ReportSection Latency(RunDocument doc)
    {
        var x = RunSeries.Seconds(doc);
        var notes = new List<string>();
        var charts = new List<ChartSpec>();
        foreach (var kind in LatencyKind.All)
        {
            if (doc.HasSecondLatency(kind) && RunSeries.SecondLatency(doc, kind, "p50").All(v => v is null))
            {
                notes.Add($"{kind.Label} latency per second: no samples in this run.");
            }
            else if (doc.HasSecondLatency(kind))
            {
                charts.Add(new ChartSpec($"latency-{kind.TimelineKey}", $"{kind.Label} latency per second", "run time (s)", "ms", x,
                [
                    new("p50", RunSeries.SecondLatency(doc, kind, "p50"), "#27ae60"),
                    new("p90", RunSeries.SecondLatency(doc, kind, "p90"), "#2f80ed"),
                    new("p99", RunSeries.SecondLatency(doc, kind, "p99"), "#f2994a"),
                    new("max", RunSeries.SecondLatency(doc, kind, "max"), "#eb5757") { Dashed = true },
                ]) { Unit = "ms" });
            }
            else if (kind == LatencyKind.ChatEcho && RunSeries.HasTimeline(doc, "p50"))
            {
                charts.Add(new ChartSpec("latency-chat", "Chat echo latency per second", "run time (s)", "ms", x,
                [
                    new("p50", RunSeries.OldSecondLatency(doc, "p50"), "#27ae60"),
                    new("p99", RunSeries.OldSecondLatency(doc, "p99"), "#f2994a"),
                ]) { Unit = "ms" });
                notes.Add($"Chat echo p90 and max per second: {ReportFormat.NotRecorded} (older format).");
            }
            else
            {
                notes.Add($"{kind.Label} latency per second: {ReportFormat.NotRecorded}.");
            }
        }
        var spectra = LatencyKind.All.Select(k => (Kind: k, Histogram: RunSeries.Histogram(doc, k))).Where(p => p.Histogram is not null).ToList();
        if (spectra.Count > 0)
        {
            charts.Add(new ChartSpec("latency-spectrum", "Latency by percentile, whole run (from the histograms)", "percentile", "ms", RunSeries.SpectrumGrid,
                [.. spectra.Select(p => new ChartSeries(p.Kind.Label, RunSeries.Spectrum(p.Histogram!), p.Kind.Color))]) { XKind = "percentile", Unit = "ms", LogY = true });
        }
        else
        {
            notes.Add($"Latency histograms: {ReportFormat.NotRecorded} (no percentile spectrum).");
        }
        var rows = LatencyKind.All.Select(k => doc.Summary(k) is { } s
            ? (IReadOnlyList<ReportCell>)[k.Label, ReportFormat.Count(Json.Number(s, "samples")), .. new[] { "min", "avg", "p50", "p90", "p95", "p99", "p999", "max" }.Select(f => (ReportCell)ReportFormat.Ms(Json.Number(s, f)))]
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
        if (RunSeries.HasTimeline(doc, "sent_per_s"))
        {
            charts.Add(new ChartSpec("messages", "Chat messages per second", "run time (s)", "messages/s", x,
            [
                new("sent", RunSeries.Timeline(doc, "sent_per_s"), "#2f80ed"),
                new("received", RunSeries.Timeline(doc, "received_per_s"), "#27ae60"),
            ]) { Unit = "/s" });
        }
        if (RunSeries.HasTimeline(doc, "bytes_sent_per_s"))
        {
            charts.Add(new ChartSpec("bytes", "Bytes per second (whole frames)", "run time (s)", "bytes/s", x,
            [
                new("out", RunSeries.Timeline(doc, "bytes_sent_per_s"), "#2f80ed"),
                new("in", RunSeries.Timeline(doc, "bytes_received_per_s"), "#27ae60"),
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
        var classes = (doc.Root["errors"] as JsonObject)?.Select(p => (IReadOnlyList<ReportCell>)[p.Key, Count(p.Value)]).ToList() ?? [];
        var protocol = (doc.Root["protocol_errors"] as JsonObject)?.Select(p => (IReadOnlyList<ReportCell>)[p.Key, Count(p.Value)]).ToList() ?? [];
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

    private static ReportCell Count(JsonNode? node) =>
        Json.Number(node, "") is { } n ? new ReportCell(ReportFormat.Count(n), n > 0 ? "bad" : null) : new ReportCell(Json.Display(node));

    private static ReportSection Delivery(RunDocument doc)
    {
        string[] fields = ["expected", "received", "lost", "duplicated", "out_of_order", "untagged"];
        var rows = fields.Select(f => (IReadOnlyList<ReportCell>)[f, Json.Number(doc.Root, $"delivery.{f}") is { } n
            ? new ReportCell(ReportFormat.Count(n), f is "lost" or "duplicated" or "out_of_order" && n > 0 ? "bad" : null)
            : new ReportCell(ReportFormat.NotRecorded, "muted")]).ToList();
        var expected = Json.Number(doc.Root, "delivery.expected");
        if (expected > 0 && Json.Number(doc.Root, "delivery.lost") is { } lost)
            rows.Add(["loss rate", new ReportCell(ReportFormat.Percent(100 * lost / expected.Value), lost > 0 ? "bad" : "good")]);
        return new ReportSection("delivery", "Delivery integrity")
        {
            Notes = Json.Number(doc.Root, "delivery.expected") == 0 && Json.Number(doc.Root, "delivery.untagged") > 0
                ? ["Chats were not tagged (--no-tag): delivery counts are not available for this run."] : [],
            Tables = [new ReportTable("Tagged chats between this run's bots", ["Figure", "Count"], rows) { Pairs = true }],
        };
    }

    private static ReportSection ServerSection(RunDocument doc)
    {
        var samples = RunSeries.ServerSamples(doc);
        if (samples.Count == 0)
            return new ReportSection("server", "Server") { Notes = [$"Server resources: {ReportFormat.NotRecorded} (the server was not monitored)."] };
        IReadOnlyList<double> x = [.. samples.Select(s => Json.Number(s, "elapsed")!.Value)];
        return new ReportSection("server", "Server")
        {
            Charts =
            [
                new ChartSpec("server-cpu", "Server CPU and memory", "run time (s)", "CPU %", x,
                [
                    new("CPU %", RunSeries.Server(samples, "process.cpu_percent"), "#eb5757"),
                    new("RSS", RunSeries.Server(samples, "process.rss_bytes"), "#2f80ed") { Axis = 1 },
                ]) { Unit = "%", Y2Label = "memory (RSS)", Unit2 = "bytes" },
                new ChartSpec("server-threads", "Server threads and connections", "run time (s)", "count", x,
                [
                    new("threads", RunSeries.Server(samples, "process.threads"), "#9b51e0"),
                    new("connections", RunSeries.Server(samples, "process.connections"), "#27ae60"),
                    new("on load-test port", RunSeries.Server(samples, "process.connections_on_port"), "#f2994a") { Dashed = true },
                ]),
            ],
        };
    }

    private static ReportSection Capacity(RunDocument doc)
    {
        var section = new ReportSection("capacity", "Capacity search");
        if (doc.Root["capacity"] is not JsonObject capacity || capacity["steps"] is not JsonArray steps || steps.Count == 0)
            return section with { Notes = [$"Capacity search: {ReportFormat.NotRecorded}."] };
        IReadOnlyList<double> x = [.. steps.Select(s => Json.Number(s, "bots") ?? double.NaN)];
        var markers = new List<ChartMarker>();
        if (CapacityFound(doc) is { } found)
            markers.Add(new ChartMarker(found, $"holds {found:0} bots"));
        if (Json.Number(capacity, "fails_at_bots") is { } failsAt)
            markers.Add(new ChartMarker(failsAt, $"fails at {failsAt:0}"));
        var limits = (capacity["slo_limits"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        // One chart per SLO figure: each has its own unit and its own limit line.
        var metrics = steps.OfType<JsonObject>().SelectMany(s => (s["figures"] as JsonObject ?? []).Select(p => p.Key)).Distinct().ToList();
        var charts = metrics.Select((metric, i) =>
        {
            var limit = limits.FirstOrDefault(l => Json.Text(l, "metric") == metric);
            var unit = limit is null ? "" : Json.Text(limit, "unit") ?? "";
            List<ChartLine> lines = limit is not null && Json.Number(limit, "limit") is { } value
                ? [new ChartLine(value, $"SLO {Json.Text(limit, "expr")}")]
                : [];
            return new ChartSpec($"capacity-{i}", $"Capacity steps: {metric} against bots", "bots", unit.Length == 0 ? metric : $"{metric} ({unit})", x,
                [new ChartSeries(metric, [.. steps.Select(s => Json.Number((s?["figures"] as JsonObject)?[metric], ""))], Palette[i % Palette.Length]) { Points = true }])
                { XKind = "number", Lines = lines, Markers = markers };
        }).ToList();
        var notes = new List<string>();
        if (Json.Text(capacity, "answer") is { } answer)
            notes.Add(answer);
        if (charts.Count == 0)
            notes.Add($"SLO figures per step: {ReportFormat.NotRecorded}.");
        return section with
        {
            Notes = notes,
            Charts = charts,
            Tables = GenericTable(steps, "Steps") is { } table ? [table] : [],
        };
    }

    /// <summary>The most bots the capacity search found the server to hold, when it found any.</summary>
    internal static double? CapacityFound(RunDocument doc) => Json.Number(doc.Root, "capacity.holds_bots");

    private static ReportSection BotTables(RunDocument doc)
    {
        var bots = doc.Bots.OfType<JsonObject>().ToList();
        if (bots.Count == 0)
            return new ReportSection("bot-details", "Busiest and worst bots") { Notes = [$"Per-bot details: {ReportFormat.NotRecorded}."] };
        var busiest = bots.OrderByDescending(b => (Json.Number(b, "messages_sent") ?? 0) + (Json.Number(b, "messages_received") ?? 0)).Take(10);
        var worst = bots
            .OrderByDescending(b => Json.Text(b, "state") == "failed")
            .ThenByDescending(b => Json.Number(b, "reconnects") ?? 0)
            .ThenByDescending(b => Json.Text(b, "last_error") is not null)
            .ThenByDescending(b => Json.Number(b, "rtt_max") ?? 0)
            .Take(10);
        string[] columns = ["Bot", "State", "Sent", "Received", "Reconnects", "RTT avg", "RTT max", "Connected", "Pending pings", "Last error"];
        return new ReportSection("bot-details", "Busiest and worst bots")
        {
            Notes = [$"{bots.Count} bots in this file; ten of each shown. Worst: failed first, then most reconnects, an error, the highest echo RTT."],
            Tables = [new ReportTable("Busiest (messages sent + received)", columns, [.. busiest.Select(BotRow)]), new ReportTable("Worst", columns, [.. worst.Select(BotRow)])],
        };
    }

    private static IReadOnlyList<ReportCell> BotRow(JsonObject b) =>
    [
        Json.Text(b, "name") ?? "",
        new ReportCell(Json.Text(b, "state") ?? "", Json.Text(b, "state") == "failed" ? "bad" : null),
        ReportFormat.Count(Json.Number(b, "messages_sent")),
        ReportFormat.Count(Json.Number(b, "messages_received")),
        ReportFormat.Count(Json.Number(b, "reconnects")),
        ReportFormat.Ms(Json.Number(b, "rtt_avg")),
        ReportFormat.Ms(Json.Number(b, "rtt_max")),
        Json.Bool(b, "connected") is { } c ? (c ? "yes" : "no") : new ReportCell("not recorded", "muted"),
        Json.Number(b, "pending_pings") is { } p ? ReportFormat.Count(p) : new ReportCell("not recorded", "muted"),
        new ReportCell(Json.Text(b, "last_error") ?? "", Json.Text(b, "last_error") is null ? null : "bad"),
    ];

    private static ReportSection Environment(RunDocument doc)
    {
        var run = doc.Run;
        (string Label, string Path)[] fields =
        [
            ("Tool", "tool"), ("Tool version", "tool_version"), ("Run id", "run_id"), ("Host", "host"), ("Port", "port"), ("State when written", "state"),
            ("Target bots", "target_bots"), ("Ramp (bots/s)", "ramp_per_s"), ("Duration limit (s)", "duration_s"), ("Started", "started_at"),
            ("Ended", "ended_at"), ("Written", "written_at"),
        ];
        var rows = fields.Select(f => Row(f.Label, run, f.Path)).ToList();
        foreach (var group in new[] { "options", "machine" })
        {
            if (run?[group] is JsonObject obj)
                rows.AddRange(obj.Select(p => Row($"{group}.{p.Key}", obj, p.Key)));
            else
                rows.Add([group, new ReportCell(ReportFormat.NotRecorded, "muted")]);
        }
        rows.Add(["plan", doc.Root["plan"] is { } plan ? Json.Display(plan) : new ReportCell(ReportFormat.NotRecorded, "muted")]);
        return new ReportSection("environment", "Environment") { Tables = [new ReportTable("Run", ["Field", "Value"], rows) { Pairs = true }] };
    }

    /// <summary>An environment field: absent is "not recorded"; JSON null is "none" (max_reconnects: unlimited); numbers ungrouped (ports); times readable.</summary>
    private static IReadOnlyList<ReportCell> Row(string label, JsonObject? parent, string key)
    {
        if (parent is null || !parent.TryGetPropertyValue(key, out var value))
            return [label, new ReportCell(ReportFormat.NotRecorded, "muted")];
        var text = value is null ? (key == "max_reconnects" ? "unlimited" : "none")
            : Json.Number(value, "") is { } n ? n.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)
            : key.EndsWith("_at", StringComparison.Ordinal) ? ReportFormat.Time(Json.Text(value, "")) ?? Json.Display(value)
            : Json.Display(value);
        return [label, text];
    }

    /// <summary>Any array of objects (or an object holding one) as a table; booleans named like a verdict read pass/fail.</summary>
    internal static ReportTable? GenericTable(JsonNode? node, string title)
    {
        var array = node as JsonArray ?? (node as JsonObject)?.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault();
        var rows = array?.OfType<JsonObject>().ToList();
        if (rows is null or { Count: 0 })
            return null;
        var columns = rows.SelectMany(r => r.Select(p => p.Key)).Distinct().ToList();
        return new ReportTable(title, columns, [.. rows.Select(r => (IReadOnlyList<ReportCell>)[.. columns.Select(c => Cell(c, r[c]))])]);
    }

    private static ReportCell Cell(string column, JsonNode? value) =>
        Json.Bool(value, "") is { } b && column is "pass" or "passed" or "ok" or "met"
            ? new ReportCell(b ? "pass" : "fail", b ? "good" : "bad")
            : new ReportCell(Json.Display(value));

    internal static readonly string[] Palette = ["#eb5757", "#f2994a", "#f2c94c", "#9b51e0", "#2f80ed", "#56ccf2", "#27ae60", "#6b7280", "#bb6bd9"];
}
