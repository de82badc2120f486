using System.Text.Json;
using LoadTestTui.Cli;

namespace LoadTestTui.Tests.Cli;

[TestClass]
public sealed class MonitorCommandTests
{
    private static MonitorCommand.Settings Settings(string? process = "x", int? pid = null, int? port = null, double interval = 0.1, double? duration = 0.3, string? json = null, string? csv = null) =>
        new(process, pid, port, interval, duration, json, csv);

    [TestMethod]
    public async Task RunAsync_BadOptions_PrintsEveryProblemAndReturnsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MonitorCommand.RunAsync(Settings(pid: -1, interval: 0.01, duration: -5), output, error, CancellationToken.None);
        Assert.AreEqual(2, code);
        var problems = error.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsGreaterThanOrEqualTo(4, problems.Length, error.ToString());
        Assert.IsTrue(problems.All(p => p.StartsWith("error: ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task RunAsync_NameMatchesNothing_WaitsThenWritesEmptyResultAndReturnsZero()
    {
        var folder = Directory.CreateTempSubdirectory("ltt-monitor-cli-");
        try
        {
            var json = Path.Combine(folder.FullName, "server_stats.json");
            var csv = Path.Combine(folder.FullName, "server_stats.csv");
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await MonitorCommand.RunAsync(Settings(process: "LttNoSuchProcess.exe", json: json, csv: csv), output, error, CancellationToken.None);

            Assert.AreEqual(0, code, error.ToString());
            var lines = output.ToString().ReplaceLineEndings("\n").Split('\n');
            Assert.AreEqual(1, lines.Count(l => l == "Server process: LttNoSuchProcess.exe not found, waiting..."));
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            Assert.AreEqual(0, document.RootElement.GetProperty("summary").GetProperty("process_samples").GetInt32());
            Assert.IsTrue(File.Exists(csv));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_StillWritesOutputs()
    {
        var folder = Directory.CreateTempSubdirectory("ltt-monitor-cli-");
        try
        {
            var json = Path.Combine(folder.FullName, "out.json");
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(0.3));
            var code = await MonitorCommand.RunAsync(Settings(duration: null, json: json), TextWriter.Null, TextWriter.Null, cancel.Token);
            Assert.AreEqual(0, code);
            Assert.IsTrue(File.Exists(json));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task RunAsync_OutputNotWritable_ReportsOneLineAndReturnsOne()
    {
        var blocker = Path.GetTempFileName();
        try
        {
            using var error = new StringWriter();
            var code = await MonitorCommand.RunAsync(Settings(json: Path.Combine(blocker, "out.json")), TextWriter.Null, error, CancellationToken.None);
            Assert.AreEqual(1, code);
            var text = error.ToString().Trim();
            Assert.StartsWith("export failed: ", text);
            Assert.DoesNotContain("\n", text);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [TestMethod]
    [DataRow(null, null, null, "ChattingServer", null, null)]
    [DataRow(null, null, 9200, null, null, 9200)]
    [DataRow("srv", null, 9200, "srv", null, null)]
    [DataRow(null, 42, 9200, null, 42, null)]
    public void ToOptions_Flags_ChooseTheTarget(string? process, int? pid, int? port, string? name, int? targetPid, int? listen)
    {
        var options = Settings(process, pid, port).ToOptions();
        Assert.AreEqual(name, options.Target.ProcessName);
        Assert.AreEqual(targetPid, options.Target.Pid);
        Assert.AreEqual(listen, options.Target.ListenPort);
        Assert.AreEqual(port, options.LoadTestPort);
    }
}
