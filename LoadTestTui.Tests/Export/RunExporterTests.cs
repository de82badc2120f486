using System.Text.Json;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Export;

[TestClass]
public sealed class RunExporterTests
{
    private static EngineSnapshot _finished = null!;
    private static Core.Bots.BotOptions _options = null!;

    [ClassInitialize]
    public static async Task RunOnce(TestContext _)
    {
        await using var server = await TestServers.StartAsync();
        _options = TestServers.FastBots(server.Port);
        await using var engine = new BotEngine(_options, TestServers.FastEngine);
        engine.Start(5, TimeSpan.FromSeconds(2.5));
        await Wait.ForAsync(engine.RunCompletion, TimeSpan.FromSeconds(20), "run ends");
        await engine.DisposeAsync();
        _finished = engine.Latest;
    }

    [TestMethod]
    public async Task WriteJson_ParsesBackWithOriginalAndExtendedFields()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "results.json");
        var result = await RunExporter.WriteJsonAsync(path, _finished, _options);
        Assert.IsTrue(result.Success, result.Error);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = doc.RootElement;
        Assert.AreEqual(5, root.GetProperty("bot_details").GetArrayLength());
        Assert.AreEqual(5, root.GetProperty("peak_connected_bots").GetInt32());
        Assert.IsGreaterThan(2.0, root.GetProperty("elapsed_time").GetDouble());
        Assert.AreEqual(_finished.MessagesSent, root.GetProperty("messages_sent").GetInt64());
        var latency = root.GetProperty("latency");
        foreach (var field in new[] { "min", "max", "avg", "samples", "p50", "p90", "p95", "p99", "p999" })
            Assert.IsTrue(latency.TryGetProperty(field, out _), $"latency.{field}");
        Assert.IsGreaterThan(0L, latency.GetProperty("samples").GetInt64());
        Assert.IsGreaterThanOrEqualTo(latency.GetProperty("p50").GetDouble(), latency.GetProperty("p99").GetDouble());
        Assert.IsTrue(root.GetProperty("errors").TryGetProperty("connect_refused", out _));
        var delivery = root.GetProperty("delivery");
        Assert.AreEqual(0, delivery.GetProperty("lost").GetInt64());
        Assert.AreEqual(5, delivery.GetProperty("audit_receivers").GetInt32(), "5 bots: every receiver audits");
        Assert.AreEqual(delivery.GetProperty("received").GetInt64(), delivery.GetProperty("audited").GetInt64());
        Assert.IsFalse(delivery.GetProperty("audit_is_sample").GetBoolean());
        Assert.IsGreaterThanOrEqualTo(2, root.GetProperty("timeline").GetArrayLength());
        Assert.AreEqual("Bot_0001", root.GetProperty("bot_details")[0].GetProperty("name").GetString());
        Assert.IsFalse(root.TryGetProperty("server", out _), "no server section without a monitor");
        Assert.AreEqual(5, root.GetProperty("registration_latency").GetProperty("samples").GetInt64(), "one registration per bot");
        Assert.IsGreaterThan(0.0, root.GetProperty("registration_latency").GetProperty("p99").GetDouble());
        Assert.AreEqual(5, root.GetProperty("connect_time").GetProperty("samples").GetInt64());
        var ramp = root.GetProperty("ramp");
        Assert.AreEqual(TestServers.FastEngine.RampPerSecond, ramp.GetProperty("asked_per_s").GetDouble());
        Assert.AreEqual("", ramp.GetProperty("limit").GetString(), "a finished run is not held back");
        foreach (var field in new[] { "effective_per_s", "handshakes_in_flight", "handshake_window", "peak_handshakes_in_flight", "peak_handshake_window" })
            Assert.IsTrue(ramp.TryGetProperty(field, out _), $"ramp.{field}");
        Assert.IsGreaterThanOrEqualTo(1, ramp.GetProperty("peak_handshakes_in_flight").GetInt32());
        foreach (var field in new[] { "registration_p99", "effective_ramp_per_s", "handshakes_in_flight", "handshake_window" })
            Assert.IsTrue(root.GetProperty("timeline")[0].TryGetProperty(field, out _), $"timeline.{field}");
        Assert.IsEmpty(Directory.GetFiles(dir.Path, "*.tmp"), "no temp file left behind");
    }

    [TestMethod]
    public async Task WriteJson_CarriesWhatTheReportDraws()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "results.json");
        Assert.IsTrue((await RunExporter.WriteJsonAsync(path, _finished, _options)).Success);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = doc.RootElement;
        Assert.AreEqual("test_running", root.EnumerateObject().First().Name, "the original tool's first field");
        Assert.IsFalse(root.GetProperty("test_running").GetBoolean());
        var bot = root.GetProperty("bot_details")[0];
        Assert.IsFalse(bot.GetProperty("connected").GetBoolean(), "stopped bots hold no connection");
        Assert.AreEqual(0, bot.GetProperty("pending_pings").GetInt32());
        var histograms = root.GetProperty("histograms");
        Assert.AreEqual("hdrhistogram-v2-compressed-base64", histograms.GetProperty("encoding").GetString());
        Assert.IsTrue(HistogramCodec.TryDecode(histograms.GetProperty("chat_rtt").GetString(), out var chat));
        Assert.AreEqual(root.GetProperty("latency").GetProperty("samples").GetInt64(), chat!.TotalCount, "the histogram holds every echo");
        var rows = root.GetProperty("timeline").EnumerateArray().ToList();
        // The partial last second has no row, so its echoes are only in the whole-run histogram.
        Assert.IsLessThanOrEqualTo(chat.TotalCount, rows.Sum(r => r.GetProperty("chat").GetProperty("samples").GetInt64()));
        Assert.IsGreaterThan(0L, rows.Sum(r => r.GetProperty("chat").GetProperty("samples").GetInt64()));
        var row = rows[0];
        foreach (var field in new[] { "target", "states", "bytes_sent_per_s", "bytes_received_per_s", "errors_by_class", "chat", "ping", "fanout" })
            Assert.IsTrue(row.TryGetProperty(field, out _), $"timeline.{field}");
        Assert.AreEqual(5, row.GetProperty("target").GetInt32());
        Assert.IsGreaterThan(0.0, rows.Max(r => r.GetProperty("bytes_received_per_s").GetDouble()));
        var run = root.GetProperty("run");
        Assert.IsTrue(run.TryGetProperty("started_at", out _) && run.GetProperty("ended_at").ValueKind == JsonValueKind.String);
        Assert.AreEqual(Environment.ProcessorCount, run.GetProperty("machine").GetProperty("cpus").GetInt32());
    }

    [TestMethod]
    public async Task WriteCsv_TimelineAndBotsHaveHeaderAndOneLinePerRow()
    {
        using var dir = new TempDirectory();
        var results = await RunExporter.WriteCsvAsync(dir.Path, _finished);
        Assert.IsTrue(results.All(r => r.Success));
        var bots = await File.ReadAllLinesAsync(Path.Combine(dir.Path, "bots.csv"));
        Assert.HasCount(6, bots);
        StringAssert.StartsWith(bots[0], "bot_id,name,state,messages_sent");
        StringAssert.StartsWith(bots[1], "1,Bot_0001,stopped,");
        var timeline = await File.ReadAllLinesAsync(Path.Combine(dir.Path, "timeline.csv"));
        Assert.AreEqual(_finished.Timeline.Count + 1, timeline.Length);
        Assert.AreEqual("t,online,sent,received,sent_per_s,received_per_s,p50_ms,p99_ms,errors,connects,registration_p99_ms,effective_ramp_per_s,handshakes_in_flight,handshake_window", timeline[0]);
    }

    [TestMethod]
    public async Task WriteAllBeside_WritesJsonTwoCsvsAndHtmlWithTheJsonName()
    {
        using var dir = new TempDirectory();
        var results = await new RunArtifacts(_options).WriteBesideAsync(Path.Combine(dir.Path, "stats.json"), _finished);
        CollectionAssert.AreEquivalent(new[] { "stats.json", "stats_timeline.csv", "stats_bots.csv", "stats.html" }, results.Select(r => Path.GetFileName(r.Path)).ToArray());
        Assert.IsTrue(results.All(r => r.Success && File.Exists(r.Path)));
    }

    [TestMethod]
    public async Task UnwritablePath_ClearError_DataStillExportableElsewhere()
    {
        var failed = await RunExporter.WriteJsonAsync("/proc/definitely/not/here.json", _finished, _options);
        Assert.IsFalse(failed.Success);
        StringAssert.StartsWith(failed.Error, "cannot write");

        using var dir = new TempDirectory();
        var retry = await RunExporter.WriteJsonAsync(Path.Combine(dir.Path, "retry.json"), _finished, _options);
        Assert.IsTrue(retry.Success);
    }

    [TestMethod]
    public async Task Overwrite_ReplacesWholeFileAtomically()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "same.json");
        await File.WriteAllTextAsync(path, new string('x', 1_000_000));
        Assert.IsTrue((await RunExporter.WriteJsonAsync(path, _finished, _options)).Success);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.AreEqual(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [TestMethod]
    public void DefaultFileName_MatchesOriginalPattern() =>
        Assert.AreEqual("load_test_stats_20250606_143015.json", RunExporter.DefaultFileName(new DateTime(2025, 6, 6, 14, 30, 15)));
}
