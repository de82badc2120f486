using LoadTestTui.Tests.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary><c>loadtest compare</c> and <c>loadtest report</c> as real child processes, on the fixture files.</summary>
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
    [DataRow("other-target", "different servers")]
    [DataRow("missing", "cannot read")]
    public async Task Compare_RefusedInput_OneLineExitTwo(string second, string expected)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, $"{second}.json");
        if (second == "not-a-run")
            await File.WriteAllTextAsync(path, "{\"target\": {}, \"samples\": []}");
        else if (second == "other-target")
            await Fixtures.WriteAsync(Fixtures.WithChatHistogram(Fixtures.Uniform(1, 2, 10), host: "elsewhere.example"), path);
        using var app = AppProcess.Start("compare", Fixtures.Path("new-format.json"), path);
        Assert.AreEqual(2, await app.WaitForExitAsync(Patience));
        Assert.HasCount(1, app.ErrorLines, string.Join(" | ", app.ErrorLines));
        StringAssert.Contains(app.ErrorLines[0], expected);
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
