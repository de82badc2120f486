using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Verdicts;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Plans;

[TestClass]
public sealed class PlanFileParserTests
{
    private const string Yaml = """
        name: chat storm
        stages:
          - duration: 30s
            target: 100
          - duration: 1m
            target: 100
            chat_interval: 200ms-500ms
            ping_interval: 5s
          - duration: 20s
            target: 0
        thresholds:
          - echo.p99 < 200ms
          - expr: errors.rate < 1%
            abort: true
            grace: 10s
        """;

    [TestMethod]
    public void Parse_Yaml_GivesStagesBehaviourAndThresholds()
    {
        var file = PlanFileParser.Parse(Yaml, "fallback", out var problems);
        Assert.IsEmpty(problems, string.Join(" | ", problems));
        var plan = file!.Plan!;
        Assert.AreEqual("chat storm", plan.Name);
        Assert.AreEqual("30s:100, 1m:100 (chat 200ms-500ms, ping 5s), 20s:0", string.Join(", ", plan.Stages));
        Assert.IsNull(plan.Stages[1].Behaviour!.HeartbeatInterval);
        Assert.HasCount(2, file.Thresholds);
        Assert.AreEqual(200, file.Thresholds[0].Limit);
        Assert.IsFalse(file.Thresholds[0].Abort);
        Assert.AreEqual(0.01, file.Thresholds[1].Limit, 1e-12);
        Assert.IsTrue(file.Thresholds[1].Abort);
        Assert.AreEqual(TimeSpan.FromSeconds(10), file.Thresholds[1].Grace);
    }

    [TestMethod]
    public void Parse_JsonWithTabs_IsAccepted()
    {
        const string json = "{\n\t\"stages\": [\n\t\t{\"duration\": \"10s\", \"target\": 5},\n\t\t{\"duration\": 20, \"target\": 0}\n\t],\n\t\"thresholds\": [\"delivery.lost == 0\"]\n}";
        var file = PlanFileParser.Parse(json, "ci", out var problems);
        Assert.IsEmpty(problems, string.Join(" | ", problems));
        Assert.AreEqual("ci: 10s:5, 20s:0", file!.Plan!.ToString());
        Assert.AreEqual(Comparison.Equal, file.Thresholds[0].Comparison);
    }

    [TestMethod]
    public void Parse_Shape_CompilesIt()
    {
        var file = PlanFileParser.Parse("shape:\n  name: step\n  max_bots: 2000\n  steps: 5\n  step_duration: 60s\n", null, out var problems);
        Assert.IsEmpty(problems, string.Join(" | ", problems));
        Assert.AreEqual(2000, file!.Plan!.PeakTarget);
        Assert.AreEqual(TimeSpan.FromMinutes(5), file.Plan.Total);
    }

    [TestMethod]
    public void Parse_ManyProblems_ListsEachWithItsLine()
    {
        const string bad = """
            stages:
              - duration: 30x
                target: 100
              - duration: 10s
                target: lots
                chat_intervl: 1
              - target: 5
            thresholds:
              - echo.p99 < 5%
              - eho.p99 < 200ms
              - expr: online.ratio >= 99%
                abort: maybe
            """;
        var file = PlanFileParser.Parse(bad, null, out var problems);
        Assert.IsNull(file);
        var text = string.Join("\n", problems);
        Assert.AreEqual(
            "2|5|6|7|9|10|12",
            string.Join("|", problems.Select(p => p.Line)),
            text);
        StringAssert.Contains(text, "line 2: stage 1: 'duration' must be a duration");
        StringAssert.Contains(text, "line 5: stage 2: 'target' must be a whole number (got 'lots')");
        StringAssert.Contains(text, "line 6: stage 2: unknown key 'chat_intervl'");
        StringAssert.Contains(text, "line 7: stage 3: 'duration' is missing");
        StringAssert.Contains(text, "line 9: threshold 'echo.p99 < 5%': '%' does not fit echo.p99");
        StringAssert.Contains(text, "did you mean 'echo.p99'?");
        StringAssert.Contains(text, "line 12: threshold: abort must be true or false");
    }

    [TestMethod]
    [DataRow("stages: [\n  {duration: 10s, target: 5\n", "not valid YAML or JSON")]
    [DataRow("- 1\n- 2\n", "a plan file is a mapping")]
    [DataRow("stages: []\n", "'stages' must be a list")]
    [DataRow("name: x\n", "neither 'stages', 'shape' nor 'thresholds'")]
    [DataRow("stages:\n  - {duration: 10s, target: 1}\nshape: {name: step}\n", "not both")]
    [DataRow("shape: {name: zigzag}\n", "is not a shape")]
    [DataRow("stages:\n  - {duration: 0s, target: 1}\n", "no time at all")]
    public void Parse_Invalid_SaysWhy(string text, string expected)
    {
        Assert.IsNull(PlanFileParser.Parse(text, null, out var problems));
        Assert.IsTrue(problems.Any(p => p.Message.Contains(expected, StringComparison.Ordinal)), string.Join(" | ", problems));
    }

    [TestMethod]
    public void Load_RealFile_ReadsIt()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "smoke.yaml");
        File.WriteAllText(path, "stages:\n  - duration: 5s\n    target: 3\n");
        var file = PlanFileParser.Load(path, out var problems);
        Assert.IsEmpty(problems);
        Assert.AreEqual("smoke", file!.Plan!.Name);
        Assert.IsNull(PlanFileParser.Load(Path.Combine(temp.Path, "missing.yaml"), out problems));
        Assert.Contains("cannot read", problems[0].Message);
    }
}
