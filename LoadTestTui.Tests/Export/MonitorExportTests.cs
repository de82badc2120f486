using System.Text.Json;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Export;

[TestClass]
public sealed class MonitorExportTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 6, 14, 30, 15, TimeSpan.Zero);

    private static readonly MonitorOptions Options = new()
    {
        Target = new MonitorTarget("ChattingServer.exe"),
        Interval = TimeSpan.FromSeconds(2),
        LoadTestPort = 9200,
    };

    private static MonitorSnapshot Snapshot(double seconds, ProcessSample? process, string status = "running", bool restarted = false, int restarts = 0) => new()
    {
        Timestamp = Start.AddSeconds(seconds),
        Elapsed = TimeSpan.FromSeconds(seconds),
        Target = Options.Target,
        Status = status,
        Restarted = restarted,
        Restarts = restarts,
        System = new SystemSample(15.2, 8_000, 2_000, 6_000, 75, new DiskSample("/srv", 500, 225, 275, 45), 1_000, 2_000, 12.5, 30.25),
        Process = process,
    };

    private static ProcessSample Process(double cpu, long rss) => new(1234, "ChattingServer", "running", cpu, 8.3, rss, 15, 120, 10, 10);

    private static readonly MonitorSnapshot[] Samples =
    [
        Snapshot(0, null, MonitorSampler.NotFound),
        Snapshot(2, Process(10, 100)),
        Snapshot(4, Process(30, 300), restarted: true, restarts: 1),
    ];

    [TestMethod]
    public void CreateDocument_Samples_SummarizesCpuAndMemory()
    {
        var document = MonitorJsonExport.CreateDocument(Options, Samples);
        Assert.AreEqual(2.0, document.Interval);
        Assert.AreEqual("ChattingServer.exe", document.Target.Process);
        Assert.AreEqual(9200, document.Target.LoadTestPort);
        Assert.HasCount(3, document.Samples);
        var summary = document.Summary;
        Assert.AreEqual(3, summary.Samples);
        Assert.AreEqual(2, summary.ProcessSamples);
        Assert.AreEqual(1, summary.Restarts);
        Assert.AreEqual(new AvgMaxJson(20, 30), summary.ProcessCpuPercent);
        Assert.AreEqual(new AvgMaxJson(200, 300), summary.ProcessResidentBytes);
        Assert.AreEqual(new AvgMaxJson(15.2, 15.2), summary.SystemCpuPercent);
    }

    [TestMethod]
    public void CreateDocument_NoSamples_HasEmptySummary()
    {
        var summary = MonitorJsonExport.CreateDocument(Options, []).Summary;
        Assert.AreEqual(0, summary.Samples);
        Assert.IsNull(summary.ProcessCpuPercent);
    }

    [TestMethod]
    public void ToSample_WithOrigin_MeasuresElapsedFromIt() =>
        Assert.AreEqual(14.0, MonitorJsonExport.ToSample(Samples[2], Start.AddSeconds(-10)).Elapsed);

    [TestMethod]
    public void Serialize_Document_HasTheOriginalToolsFieldNames()
    {
        using var json = JsonDocument.Parse(MonitorJsonExport.Serialize(MonitorJsonExport.CreateDocument(Options, Samples)));
        var root = json.RootElement;
        Assert.AreEqual(2.0, root.GetProperty("interval").GetDouble());
        var sample = root.GetProperty("samples")[1];
        Assert.AreEqual(Start.AddSeconds(2).ToUnixTimeSeconds(), sample.GetProperty("timestamp").GetDouble());
        Assert.StartsWith("20", sample.GetProperty("datetime").GetString());
        Assert.AreEqual(2.0, sample.GetProperty("elapsed").GetDouble());
        var system = sample.GetProperty("system");
        Assert.AreEqual(15.2, system.GetProperty("cpu_percent").GetDouble());
        foreach (var name in new[] { "total", "available", "used", "percent" })
            Assert.IsTrue(system.GetProperty("memory").TryGetProperty(name, out _), name);
        foreach (var name in new[] { "bytes_sent", "bytes_recv", "sent_per_s", "recv_per_s" })
            Assert.IsTrue(system.GetProperty("network").TryGetProperty(name, out _), name);
        Assert.AreEqual(45.0, system.GetProperty("disk").GetProperty("percent").GetDouble());
        var process = sample.GetProperty("process");
        foreach (var name in new[] { "pid", "name", "status", "cpu_percent", "memory_percent", "rss_bytes", "threads", "handles", "connections" })
            Assert.IsTrue(process.TryGetProperty(name, out _), name);
        Assert.AreEqual(JsonValueKind.Null, root.GetProperty("samples")[0].GetProperty("process").ValueKind);
        Assert.IsTrue(root.GetProperty("samples")[2].GetProperty("restarted").GetBoolean());
        Assert.AreEqual(20.0, root.GetProperty("summary").GetProperty("process_cpu_percent").GetProperty("avg").GetDouble());
    }

    [TestMethod]
    public void Header_Columns_AreUnique() =>
        Assert.HasCount(MonitorCsvExport.Header().Count, MonitorCsvExport.Header().Distinct());

    [TestMethod]
    public void ToRow_EverySample_HasOneFieldPerHeaderColumn()
    {
        var header = MonitorCsvExport.Header();
        foreach (var snapshot in Samples)
            Assert.HasCount(header.Count, MonitorCsvExport.ToRow(MonitorJsonExport.ToSample(snapshot)));
    }

    [TestMethod]
    public void ToRow_ProcessAbsent_LeavesProcessFieldsEmpty()
    {
        var header = MonitorCsvExport.Header().ToList();
        var row = MonitorCsvExport.ToRow(MonitorJsonExport.ToSample(Samples[0]));
        Assert.AreEqual("not found", row[header.IndexOf("status")]);
        Assert.AreEqual("", row[header.IndexOf("pid")]);
        Assert.AreEqual("", row[header.IndexOf("connections")]);
        Assert.AreEqual("15.2", row[header.IndexOf("system_cpu_percent")]);
    }

    [TestMethod]
    public void ToRow_ProcessPresent_WritesInvariantNumbers()
    {
        var header = MonitorCsvExport.Header().ToList();
        var row = MonitorCsvExport.ToRow(MonitorJsonExport.ToSample(Samples[1]));
        Assert.AreEqual("1234", row[header.IndexOf("pid")]);
        Assert.AreEqual("8.3", row[header.IndexOf("process_memory_percent")]);
        Assert.AreEqual("30.25", row[header.IndexOf("net_recv_per_s")]);
        Assert.AreEqual("10", row[header.IndexOf("connections_on_port")]);
    }

    [TestMethod]
    public async Task WriteAsync_BothFormats_WritesFilesThatReadBack()
    {
        var folder = Directory.CreateTempSubdirectory("ltt-export-");
        try
        {
            var document = MonitorJsonExport.CreateDocument(Options, Samples);
            var json = await MonitorJsonExport.WriteAsync(Path.Combine(folder.FullName, "server_stats.json"), document);
            var csv = await MonitorCsvExport.WriteAsync(Path.Combine(folder.FullName, "monitor.csv"), document.Samples);
            Assert.IsTrue(json.Success, json.Error);
            Assert.IsTrue(csv.Success, csv.Error);

            using var parsed = JsonDocument.Parse(await File.ReadAllTextAsync(json.Path));
            Assert.AreEqual(3, parsed.RootElement.GetProperty("samples").GetArrayLength());
            var lines = (await File.ReadAllLinesAsync(csv.Path)).Where(l => l.Length > 0).ToList();
            Assert.HasCount(4, lines);
            Assert.AreEqual(string.Join(",", MonitorCsvExport.Header()), lines[0]);
            Assert.IsEmpty(Directory.GetFiles(folder.FullName, "*.tmp"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task WriteAsync_UnwritablePath_FailsWithOneLine()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            var result = await MonitorJsonExport.WriteAsync(Path.Combine(blocker, "out.json"), MonitorJsonExport.CreateDocument(Options, Samples));
            Assert.IsFalse(result.Success);
            Assert.DoesNotContain("\n", result.Error!);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
