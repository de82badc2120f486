using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Tests.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary><c>loadtest compare</c> and <c>loadtest report</c> as real child processes, on the fixture files and on real runs' files.</summary>
[TestClass]
public sealed class CompareCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Compare_SameRunTwice_TableWithVerdictsExitZero()
    {
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "compare.html");
        var file = Fixtures.Path("new-format.json");
        using var app = AppProcess.Start("compare", file, file, "--fail-on-regression", "--html", html);
        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        foreach (var expected in new[] { "Figure", "Verdict", "Chat echo p99", "same within noise", "95 % CI", "messages received per second", "Nothing worse" })
            StringAssert.Contains(output, expected);
        Assert.IsTrue(File.Exists(html));
    }

    [TestMethod]
    public async Task Compare_FailOnRegression_WorseRunExitsThree()
    {
        using var dir = new TempDirectory();
        var (fast, slow) = (Path.Combine(dir.Path, "fast.json"), Path.Combine(dir.Path, "slow.json"));
        await Fixtures.WriteAsync(Fixtures.WithChatHistogram(Fixtures.Uniform(1000, 2000, 5000)), fast);
        await Fixtures.WriteAsync(Fixtures.WithChatHistogram(Fixtures.Uniform(3000, 6000, 5000)), slow);
        using var app = AppProcess.Start("compare", fast, slow, "--fail-on-regression");
        Assert.AreEqual(3, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        using var lenient = AppProcess.Start("compare", fast, slow, "--fail-on-regression", "--tolerance", "500");
        Assert.AreEqual(0, await lenient.WaitForExitAsync(Patience), "a tolerance of 500 % accepts a 3x slowdown");
    }

    [TestMethod]
    [DataRow("not-a-run", "is not a load test run result")]
    [DataRow("wrong-type", "field $.total_bots has the wrong type")]
    [DataRow("missing", "cannot read")]
    public async Task Compare_RefusedInput_OneLineExitTwo(string second, string expected)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, $"{second}.json");
        if (second == "not-a-run")
            await File.WriteAllTextAsync(path, "{\"target\": {}, \"samples\": []}");
        else if (second == "wrong-type")
            await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(Fixtures.Path("new-format.json"))).Replace("\"total_bots\": 6", "\"total_bots\": \"six\"", StringComparison.Ordinal));
        using var app = AppProcess.Start("compare", Fixtures.Path("new-format.json"), path);
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        Assert.HasCount(1, app.ErrorLines, string.Join(" | ", app.ErrorLines));
        StringAssert.Contains(app.ErrorLines[0], expected);
    }

    [TestMethod]
    [DataRow("bots", "bots: A 6, B 50")]
    [DataRow("chat", "chat interval: A 0.3–0.8 s, B 1–3 s")]
    [DataRow("duration", "duration: A 4 s, B 60 s (more than 10 % apart)")]
    [DataRow("plan", "plan: A none, B from 0 bots, 2 s → 6, 2 s → 6")]
    public async Task Compare_DifferentWorkload_RefusedNamingItExitTwo(string change, string expected)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, $"{change}.json");
        await Fixtures.WriteAsync(WorkloadTests.Changed(r => WorkloadTests.Apply(r, change)), path);
        using var app = AppProcess.Start("compare", Fixtures.Path("new-format.json"), path);
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        Assert.HasCount(2, app.ErrorLines, string.Join(" | ", app.ErrorLines));
        StringAssert.Contains(app.ErrorLines[0], "ran different workloads (use --force");
        Assert.AreEqual($"  {expected}", app.ErrorLines[1]);
    }

    [TestMethod]
    public async Task Compare_DifferentWorkloadForced_WarnsAndCompares()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "more-bots.json");
        await Fixtures.WriteAsync(WorkloadTests.Changed(r => { WorkloadTests.Apply(r, "bots"); WorkloadTests.Apply(r, "heartbeat"); }), path);
        using var app = AppProcess.Start("compare", Fixtures.Path("new-format.json"), path, "--force");
        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = (await app.RemainingOutputAsync(TimeSpan.FromSeconds(5))).ToList();
        var table = output.FindIndex(l => l.StartsWith("Figure", StringComparison.Ordinal));
        Assert.IsGreaterThan(0, table, string.Join("\n", output));
        var above = output.Take(table).ToList();
        CollectionAssert.Contains(above, "warning: workloads differ: bots: A 6, B 50");
        CollectionAssert.Contains(above, "warning: workloads differ: heartbeat interval: A 5 s, B 10 s");
        StringAssert.Contains(string.Join("\n", output), "Chat echo p99");
    }

    private static async Task RunAsync(int port, string path)
    {
        var options = TestServers.FastBots(port);
        await using var engine = new BotEngine(options, TestServers.FastEngine);
        engine.Start(4, TimeSpan.FromSeconds(2));
        await Wait.ForAsync(engine.RunCompletion, TimeSpan.FromSeconds(20), "run ends");
        await engine.DisposeAsync();
        var written = await new RunArtifacts(options).WriteJsonAsync(path, engine.Latest);
        Assert.IsTrue(written.Success, written.Error);
    }

    /// <summary>The main use: an old build on one port, the new build on another. Two real reference servers, one real short run each.</summary>
    [TestMethod]
    public async Task Compare_RealRunsAgainstTwoServers_ComparedWithTargetsLine()
    {
        using var dir = new TempDirectory();
        // Both servers live through both runs, so they cannot share a port.
        await using var oldBuild = await TestServers.StartAsync();
        await using var newBuild = await TestServers.StartAsync();
        int[] ports = [oldBuild.Port, newBuild.Port];
        string[] files = [Path.Combine(dir.Path, "old-build.json"), Path.Combine(dir.Path, "new-build.json")];
        await Task.WhenAll(ports.Select((port, i) => RunAsync(port, files[i])));
        using var app = AppProcess.Start("compare", files[0], files[1]);
        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = (await app.RemainingOutputAsync(TimeSpan.FromSeconds(5))).ToList();
        var table = output.FindIndex(l => l.StartsWith("Figure", StringComparison.Ordinal));
        CollectionAssert.Contains(output.Take(table).ToList(), $"targets differ: A 127.0.0.1:{ports[0]}, B 127.0.0.1:{ports[1]}", string.Join("\n", output));
        Assert.IsFalse(output.Any(l => l.StartsWith("warning:", StringComparison.Ordinal)), "the same workload: no warning");
        StringAssert.Contains(string.Join("\n", output), "messages received per second");
    }

    [TestMethod]
    public async Task Report_OldFormatFile_WritesHtmlExitZero()
    {
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "old.html");
        using var app = AppProcess.Start("report", Fixtures.Path("old-format.json"), "-o", html);
        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        StringAssert.Contains(await File.ReadAllTextAsync(html), "not recorded in this file");
    }
}
