using System.Text.Json;
using System.Text.RegularExpressions;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>`loadtest run` as a user runs it: a real child process against the real reference server.</summary>
[TestClass]
[DoNotParallelize] // runs load through child processes (loadtest, agents, NATS) whose registration, SIGTERM and threshold timings fail when other classes load the CPU
public sealed class RunCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Run_AgainstServer_ExitsZero_WritesJsonAndCsvs_PrintsStatusAndSummary()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "8", "--duration", "3",
            "--chat-interval", "0.3-0.6", "--status-interval", "1", "--output", json, "--csv", Path.Combine(dir.Path, "csv"), "--log", Path.Combine(dir.Path, "run.log"),
            "--html", Path.Combine(dir.Path, "report.html"));

        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Load test status");
        StringAssert.Contains(output, "Load test summary");
        StringAssert.Matches(output, new Regex(@"Bots: 8/8 connected"));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.AreEqual(8, doc.RootElement.GetProperty("peak_connected_bots").GetInt32());
        Assert.IsGreaterThan(0L, doc.RootElement.GetProperty("latency").GetProperty("samples").GetInt64());
        foreach (var csv in new[] { "timeline.csv", "bots.csv" })
            Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "csv", csv)), csv);
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "csv", "monitor.csv")), "no monitor was asked for");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(dir.Path, "run.log")), "run started: 8 bots");
        StringAssert.Contains(output, "Report written to");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(dir.Path, "report.html")), "Content-Security-Policy");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Run_HandshakeWindowFlag_BoundsHandshakesInFlight()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "60", "--ramp", "100000",
            "--handshake-window", "8", "--handshake-target", "2", "--reconnect-rate", "50", "--duration", "4", "--chat-interval", "0",
            "--status-interval", "0", "--output", json);

        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.AreEqual(60, doc.RootElement.GetProperty("peak_connected_bots").GetInt32());
        var ramp = doc.RootElement.GetProperty("ramp");
        Assert.AreEqual(8, ramp.GetProperty("peak_handshake_window").GetInt32(), "the window starts at, and never grows past, --handshake-window");
        Assert.IsLessThanOrEqualTo(8, ramp.GetProperty("peak_handshakes_in_flight").GetInt32());
        Assert.IsGreaterThan(0, ramp.GetProperty("peak_handshakes_in_flight").GetInt32());
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Run_NothingListening_ExitsOne_AndSaysConnectionRefused()
    {
        int port;
        await using (var probe = await TestServers.StartAsync())
            port = probe.Port;
        using var dir = new TempDirectory();
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{port}", "--bots", "2", "--duration", "2",
            "--max-reconnects", "1", "--status-interval", "0", "--log", Path.Combine(dir.Path, "run.log"));
        Assert.AreEqual(1, await app.WaitForExitAsync(Patience));
        var error = string.Join("\n", app.ErrorLines);
        StringAssert.Contains(error, "no bot came online");
        StringAssert.Contains(error, "refused");
        Assert.DoesNotContain("   at ", error, "no stack trace");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Run_BadArguments_ExitsTwo_ListingEveryProblem()
    {
        using var app = AppProcess.Start("run", "--port", "70000", "--bots", "-3", "--chat-interval", "9-1", "--encoding", "latin9",
            "--monitor-pid", "0", "--output", "/proc/no/such/dir/out.json", "--handshake-window", "4", "--handshake-target", "0", "--reconnect-rate", "-1");
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        var error = string.Join("\n", app.ErrorLines);
        foreach (var option in new[] { "--port", "--bots", "--chat-interval", "--encoding", "--monitor-pid", "--output", "--handshake-window", "--handshake-target", "--reconnect-rate" })
            StringAssert.Contains(error, option);
        Assert.DoesNotContain("   at ", error);
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Run_UnparsableValue_ExitsTwo()
    {
        using var app = AppProcess.Start("run", "--port", "abc");
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        StringAssert.Contains(string.Join("\n", app.ErrorLines), "abc");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Interactive_PipedCommands_StartBroadcastExportUnknownQuit()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var export = Path.Combine(dir.Path, "exported.json");
        using var app = AppProcess.Start("run", "--interactive", "--host", "127.0.0.1", "--port", $"{server.Port}", "--chat-interval", "0",
            "--status-interval", "0", "--log", Path.Combine(dir.Path, "run.log"));
        await app.Input.WriteLineAsync("start 4");
        await app.WaitForLineAsync(new Regex("Started 4 bots"), Patience);
        await Eventually.TrueAsync(() => server.Stats.UsersRegistered == 4, "4 users registered", Patience);
        var chatsBefore = server.Stats.Chats;
        await app.Input.WriteLineAsync("broadcast 모두 안녕");
        await app.WaitForLineAsync(new Regex("Broadcast sent by 4 bots"), Patience);
        await Eventually.TrueAsync(() => server.Stats.Chats - chatsBefore == 4, "server got 4 broadcast chats", Patience);
        await app.Input.WriteLineAsync("frobnicate");
        await app.WaitForLineAsync(new Regex("Unknown or incomplete command 'frobnicate'"), Patience);
        await app.Input.WriteLineAsync($"export {export}");
        await app.WaitForLineAsync(new Regex(@"Exported to .*exported\.html"), Patience);
        await app.Input.WriteLineAsync("stats");
        await app.WaitForLineAsync(new Regex(@"Bots: 4/4 connected"), Patience);
        await app.Input.WriteLineAsync("quit");
        Assert.AreEqual(0, await app.WaitForExitAsync(Patience));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(export));
        Assert.AreEqual(4, doc.RootElement.GetProperty("connected_bots").GetInt32());
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(dir.Path, "exported.html")), "Content-Security-Policy", "the report is written beside the JSON");
        Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "exported_timeline.csv")), "the CSVs too");
        await Eventually.TrueAsync(() => server.Stats.UsersRegistered == 0, "bots said goodbye", Patience);
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Sigterm_DuringUnlimitedRun_StopsGracefully_AndStillWritesOutput()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "on-term.json");
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "5", "--duration", "0",
            "--status-interval", "0", "--output", json, "--log", Path.Combine(dir.Path, "run.log"));
        await Eventually.TrueAsync(() => server.Stats.UsersRegistered == 5, "5 users registered", Patience);
        app.Terminate();
        Assert.AreEqual(0, await app.WaitForExitAsync(Patience));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.AreEqual(5, doc.RootElement.GetProperty("peak_connected_bots").GetInt32());
        Assert.AreEqual(5, doc.RootElement.GetProperty("totals").GetProperty("goodbyes_acknowledged").GetInt32());
    }

    [TestMethod]
    [DataRow("dashboard")]
    [DataRow("demo")]
    [DataRow(null)]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Dashboard_WithoutTerminal_RefusesInOneLine_ExitTwo(string? command)
    {
        using var app = command is null ? AppProcess.Start() : AppProcess.Start(command);
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        Assert.HasCount(1, app.ErrorLines);
        StringAssert.Contains(app.ErrorLines[0], "loadtest run");
    }
}
