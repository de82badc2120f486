using LoadTestTui.Cli;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Cli;

[TestClass]
public sealed class MonitorPrinterTests
{
    private static MonitorSnapshot Snapshot(string status, ProcessSample? process, bool restarted = false) => new()
    {
        Timestamp = new DateTimeOffset(2025, 6, 6, 14, 30, 15, TimeSpan.Zero),
        Elapsed = TimeSpan.FromSeconds(125.3),
        Target = new MonitorTarget("ChattingServer.exe"),
        Status = status,
        Restarted = restarted,
        Restarts = restarted ? 1 : 0,
        System = new SystemSample(15.2, 8L << 30, 2_684_354_560, 5_905_580_032, 68.4,
            new DiskSample("/", 500L << 30, 225L << 30, 275L << 30, 45.2), 1_258_291, 2_411_724, 12_288, 30_822),
        Process = process,
    };

    private static readonly ProcessSample Server = new(1234, "ChattingServer", "running", 12.5, 8.3, 664L << 20, 15, 120, 10, 10);

    [TestMethod]
    public void FormatBlock_ProcessPresent_LooksLikeTheOriginal()
    {
        var text = MonitorPrinter.FormatBlock(Snapshot("running", Server), 9200);
        foreach (var line in new[]
        {
            "(elapsed: 125.3s)",
            new string('=', 70),
            "System CPU: 15.2%",
            "System memory: 68.4% (5.5GB/8.0GB)",
            "Disk usage: 45.2% (225GB/500GB)",
            "Network: sent 1.2MB, received 2.3MB (12.0KB/s out, 30.1KB/s in)",
            "Server process (ChattingServer, pid 1234):",
            "  CPU: 12.5%",
            "  Memory: 8.3% (664MB)",
            "  Threads: 15",
            "  Handles: 120",
            "  Connections: 10 (10 on port 9200)",
            "  Status: running",
        })
            Assert.Contains(line, text);
        Assert.StartsWith("\nServer monitor - 2025-06-06T", text.ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void FormatBlock_Restarted_SaysSo() =>
        Assert.Contains("Status: running (restarted, restart #1)", MonitorPrinter.FormatBlock(Snapshot("running", Server, restarted: true)));

    [TestMethod]
    public void FormatBlock_UnavailableFigures_ShowNa() =>
        Assert.Contains("Connections: n/a", MonitorPrinter.FormatBlock(Snapshot("running", Server with { Connections = null, ConnectionsOnPort = null })));

    [TestMethod]
    public void Print_AbsentForSeveralIntervals_PrintsOneLinePerStateChange()
    {
        using var output = new StringWriter();
        var printer = new MonitorPrinter(output);
        printer.Print(Snapshot(MonitorSampler.NotFound, null));
        printer.Print(Snapshot(MonitorSampler.NotFound, null));
        printer.Print(Snapshot("running", Server));
        printer.Print(Snapshot(MonitorSampler.Exited, null));
        printer.Print(Snapshot(MonitorSampler.Exited, null));
        var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.AreEqual(1, lines.Count(l => l == "Server process: ChattingServer.exe not found, waiting..."));
        Assert.AreEqual(1, lines.Count(l => l.Contains("exited, waiting", StringComparison.Ordinal)));
        Assert.AreEqual(1, lines.Count(l => l.StartsWith("Server monitor - ", StringComparison.Ordinal)));
    }
}
