using System.Text.Json;
using System.Text.RegularExpressions;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>`loadtest agent` and `loadtest run --nats` as a user runs them: child processes, real NATS, the reference server.</summary>
[TestClass]
[DoNotParallelize] // runs load through child processes (loadtest, agents, NATS) whose registration, SIGTERM and threshold timings fail when other classes load the CPU
public sealed partial class ClusterCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [GeneratedRegex("waiting for work")]
    private static partial Regex AgentReady();

    /// <summary>Two `loadtest agent` processes, a1 and a2, waiting for work; disposing kills them.</summary>
    private static async Task<Processes> AgentProcessesAsync(string url)
    {
        var agents = new Processes([AppProcess.Start("agent", "--nats", url, "--name", "a1"), AppProcess.Start("agent", "--nats", url, "--name", "a2")]);
        foreach (var agent in agents.All)
            await agent.WaitForLineAsync(AgentReady(), Patience);
        return agents;
    }

    private sealed record Processes(IReadOnlyList<AppProcess> All) : IDisposable
    {
        public void Dispose()
        {
            foreach (var process in All)
                process.Dispose();
        }
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Run_WithNatsAndTwoAgentProcesses_ExitsZero_JsonHasEveryBot()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        using var first = AppProcess.Start("agent", "--nats", nats.Url, "--name", "a1", "--bind", "127.0.0.1");
        using var second = AppProcess.Start("agent", "--nats", nats.Url, "--name", "a2");
        await first.WaitForLineAsync(AgentReady(), Patience);
        await second.WaitForLineAsync(AgentReady(), Patience);
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        using var run = AppProcess.Start("run", "--nats", nats.Url, "--agents", "2", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "20",
            "--duration", "4", "--ramp", "200", "--chat-interval", "0.3-0.6", "--status-interval", "0", "--output", json, "--log", Path.Combine(dir.Path, "run.log"));

        Assert.AreEqual(0, await run.WaitForExitAsync(Patience), string.Join(" | ", run.ErrorLines));
        var output = string.Join("\n", await run.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Agents: a1 on");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = doc.RootElement;
        Assert.AreEqual(20, root.GetProperty("peak_connected_bots").GetInt32());
        Assert.AreEqual(20, root.GetProperty("bot_details").GetArrayLength());
        Assert.AreEqual(0L, root.GetProperty("errors").GetProperty("agent_lost").GetInt64());
        Assert.IsGreaterThan(0L, root.GetProperty("delivery").GetProperty("fanout_left_out").GetInt64(), "cross-agent deliveries are counted and left out of fan-out latency");
        Assert.AreEqual(0, server.Stats.UsersRegistered);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Run_NatsWithFailingThreshold_ExitsThree_PrintsTheVerdict()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        using var agents = await AgentProcessesAsync(nats.Url);
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        using var run = AppProcess.Start("run", "--nats", nats.Url, "--agents", "2", "--host", "127.0.0.1", "--port", $"{server.Port}",
            "--stage", "0s:6", "--stage", "2s:6", "--ramp", "200", "--chat-interval", "0.2-0.4", "--status-interval", "0",
            "--threshold", "echo.p99 < 1us", "--threshold", "errors.count == 0", "--output", json, "--log", Path.Combine(dir.Path, "run.log"));

        Assert.AreEqual(3, await run.WaitForExitAsync(Patience), string.Join(" | ", run.ErrorLines));
        var output = string.Join("\n", await run.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Following the plan");
        StringAssert.Matches(output, new Regex(@"FAIL  echo\.p99 < 1us  \(measured [0-9.]+ m?s\)"));
        StringAssert.Contains(output, "PASS  errors.count == 0");
        StringAssert.Contains(output, "1 of 2 thresholds failed.");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        Assert.AreEqual(6, doc.RootElement.GetProperty("peak_connected_bots").GetInt32());
        Assert.AreEqual(2, doc.RootElement.GetProperty("thresholds").GetArrayLength());
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Capacity_NatsTwoAgents_ServerSlowsPastSix_AnswersSix()
    {
        await using var server = new SlowingServer(knee: 6, slowDelay: TimeSpan.FromMilliseconds(800));
        using var nats = await NatsServerProcess.StartAsync();
        using var agents = await AgentProcessesAsync(nats.Url);
        using var dir = new TempDirectory();
        using var app = AppProcess.Start("capacity", "--nats", nats.Url, "--agents", "2", "--host", "127.0.0.1", "--port", $"{server.Port}",
            "--min-bots", "3", "--max-bots", "20", "--resolution", "20%", "--settle", "500ms", "--measure", "1.5s", "--chat-interval", "0.2-0.4",
            "--log", Path.Combine(dir.Path, "capacity.log"), "--csv", Path.Combine(dir.Path, "capacity.csv"));

        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Agents: a1 on");
        StringAssert.Contains(output, "Capacity: holds 6 bots; fails at 7: echo.p99");
        var csv = await File.ReadAllLinesAsync(Path.Combine(dir.Path, "capacity.csv"));
        Assert.AreEqual("3,6,12,9,7", string.Join(",", csv.Skip(1).Select(l => l.Split(',')[1])), "the same steps as one process takes");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Run_NatsWithoutAgents_ExitsOne_SaysWhoIsMissing()
    {
        using var nats = await NatsServerProcess.StartAsync();
        using var dir = new TempDirectory();
        using var run = AppProcess.Start("run", "--nats", nats.Url, "--agents", "2", "--agents-timeout", "1", "--bots", "4", "--log", Path.Combine(dir.Path, "run.log"));
        Assert.AreEqual(1, await run.WaitForExitAsync(Patience));
        StringAssert.Contains(string.Join("\n", run.ErrorLines), "none answered; 2 missing");
    }

    [TestMethod]
    [DataRow("agent", "--nats")]
    [DataRow("run", "--agents", "2")]
    [DataRow("agent", "--nats", "nats://127.0.0.1:1", "--bind", "not-an-address")]
    [DataRow("agent", "--nats", "nats://127.0.0.1:1", "--cluster", "a.b")]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ClusterOptions_Bad_UsageError(params string[] args)
    {
        using var app = AppProcess.Start(args);
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        Assert.IsNotEmpty(app.ErrorLines);
    }
}
