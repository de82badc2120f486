using System.Text.Json;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>`loadtest run` with a plan and thresholds, as a child process against the reference server.</summary>
[TestClass]
[DoNotParallelize] // runs load through child processes (loadtest, agents, NATS) whose registration, SIGTERM and threshold timings fail when other classes load the CPU
public sealed class RunThresholdTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Run_FailingThreshold_ExitsThree_PrintsEachThreshold_JsonCarriesPlanAndThresholds()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--stage", "0s:4", "--stage", "2s:4",
            "--chat-interval", "0.2-0.4", "--status-interval", "0", "--output", json, "--log", Path.Combine(dir.Path, "run.log"),
            "--threshold", "echo.p99 < 1us", "--threshold", "delivery.lost == 0", "--threshold", "online.ratio >= 90% over 1s");

        Assert.AreEqual(3, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Following the plan");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"FAIL  echo\.p99 < 1us  \(measured [0-9.]+ m?s\)"));
        StringAssert.Contains(output, "PASS  delivery.lost == 0  (measured 0)");
        StringAssert.Contains(output, "1 of 3 thresholds failed.");

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var plan = doc.RootElement.GetProperty("plan");
        Assert.AreEqual(2, plan.GetProperty("stages").GetArrayLength());
        Assert.AreEqual(2.0, plan.GetProperty("total_s").GetDouble());
        var thresholds = doc.RootElement.GetProperty("thresholds");
        Assert.AreEqual(3, thresholds.GetArrayLength());
        Assert.IsFalse(thresholds[0].GetProperty("passed").GetBoolean());
        Assert.AreEqual("milliseconds", thresholds[0].GetProperty("unit").GetString());
        Assert.AreEqual(0.001, thresholds[0].GetProperty("limit").GetDouble(), 1e-12);
        Assert.IsTrue(thresholds[1].GetProperty("passed").GetBoolean());
        Assert.AreEqual(1.0, thresholds[2].GetProperty("window_s").GetDouble());
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Run_AbortThresholdInPlanFile_StopsEarly_ExitsThree()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var planPath = Path.Combine(dir.Path, "plan.yaml");
        await File.WriteAllTextAsync(planPath, """
            stages:
              - duration: 0s
                target: 3
              - duration: 60s
                target: 3
            thresholds:
              - expr: echo.p50 < 1us
                abort: true
                grace: 1s
            """);
        var started = DateTime.UtcNow;
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--plan", planPath,
            "--chat-interval", "0.1-0.2", "--status-interval", "0", "--log", Path.Combine(dir.Path, "run.log"));

        Assert.AreEqual(3, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        Assert.IsLessThan(30.0, (DateTime.UtcNow - started).TotalSeconds, "aborted long before the plan's 60 s");
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        StringAssert.Contains(output, "Run aborted early: echo.p50");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Run_BadPlanAndThresholds_ExitsTwo_ListingEveryProblemWithLines()
    {
        using var dir = new TempDirectory();
        var planPath = Path.Combine(dir.Path, "bad.yaml");
        await File.WriteAllTextAsync(planPath, "stages:\n  - duration: soon\n    target: 5\n  - duration: 5s\n    traget: 5\n");
        using var app = AppProcess.Start("run", "--plan", planPath, "--threshold", "eco.p99 < 1s", "--threshold", "server.cpu.max < 80%", "--shape", "zigzag");
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        var error = string.Join("\n", app.ErrorLines);
        StringAssert.Contains(error, "--plan bad.yaml:2: stage 1: 'duration' must be a duration");
        StringAssert.Contains(error, "--plan bad.yaml:4: stage 2: 'target' is missing");
        StringAssert.Contains(error, "--plan bad.yaml:5: stage 2: unknown key 'traget'");
        StringAssert.Contains(error, "did you mean 'echo.p99'?");
        StringAssert.Contains(error, "server.* thresholds need a monitored server");
        StringAssert.Contains(error, "--shape 'zigzag' is not a shape");
        Assert.DoesNotContain("   at ", error, "no stack trace");
    }
}
