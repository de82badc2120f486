using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Verdicts;
using static LoadTestTui.Tests.Support.TestThresholds;

namespace LoadTestTui.Tests.Capacity;

[TestClass]
public sealed class CapacitySearchTests
{
    private static readonly IReadOnlyList<Threshold> Slo = DefaultSlo;

    private static CapacityOptions Options(int min = 10, int max = 5000) => new() { MinBots = min, MaxBots = max, Slo = Slo };

    /// <summary>A step whose echo p99 is <paramref name="p99"/> ms, with everything else healthy.</summary>
    private static StepResult Step(int bots, double p99, string? fatal = null)
    {
        var run = new RunFigures
        {
            Latency = LatencyFigures.Empty.With(LatencyKind.ChatEcho, new LatencySummary(100, 1, p99 / 2, p99 / 2, p99, p99, p99, p99, p99)),
            Counters = RunCounters.Zero with { MessagesSent = 1000 },
            OnlineRatio = 1,
            Online = bots,
        };
        var figures = new FigureSet(run, null);
        return new StepResult(bots, bots, TimeSpan.Zero, TimeSpan.FromSeconds(1), figures, ThresholdEvaluator.Evaluate(Slo, figures), fatal);
    }

    private static CapacityDecision Decide(CapacityOptions options, params StepResult[] steps) => CapacitySearch.Decide(options, steps);

    [TestMethod]
    public void Decide_NoSteps_StartsAtMin() => Assert.AreEqual(10, Decide(Options()).NextBots);

    [TestMethod]
    public void Decide_FarFromEdge_Doubles()
    {
        var decision = Decide(Options(), Step(10, 50), Step(20, 60));
        Assert.AreEqual(40, decision.NextBots);
        Assert.AreEqual("growing", decision.Phase);
    }

    [TestMethod]
    public void Decide_NearEdge_GrowsLinearlyByFourResolutions()
    {
        var decision = Decide(Options(), Step(100, 300)); // 300 of 500 ms: 60% of the budget
        Assert.AreEqual(120, decision.NextBots);
        Assert.AreEqual("near the edge", decision.Phase);
    }

    [TestMethod]
    public void Decide_PastMax_ClampsThenReportsTheUpperBound()
    {
        Assert.AreEqual(5000, Decide(Options(), Step(4000, 10)).NextBots);
        var done = Decide(Options(), Step(4000, 10), Step(5000, 10)).Answer!;
        Assert.AreEqual(5000, done.Holds);
        Assert.IsTrue(done.UpperBoundReached);
        Assert.IsNull(done.FailsAt);
        StringAssert.StartsWith(done.ToString(), "holds 5,000 bots (the upper bound");
    }

    [TestMethod]
    public void Decide_AfterFailure_BisectsBetweenLastGoodAndFirstBad()
    {
        var decision = Decide(Options(), Step(1280, 100), Step(2560, 812));
        Assert.AreEqual(1920, decision.NextBots);
        Assert.AreEqual("narrowing", decision.Phase);
    }

    [TestMethod]
    public void Decide_WithinResolution_AnswersWithTheReason()
    {
        var answer = Decide(Options(), Step(1840, 100), Step(1930, 812)).Answer!;
        Assert.AreEqual(1840, answer.Holds);
        Assert.AreEqual(1930, answer.FailsAt);
        Assert.AreEqual("holds 1,840 bots; fails at 1,930: echo.p99 812 ms >= 500 ms", answer.ToString());
    }

    [TestMethod]
    public void Decide_MinimumFails_HoldsNothing()
    {
        var answer = Decide(Options(), Step(10, 900)).Answer!;
        Assert.IsNull(answer.Holds);
        Assert.AreEqual(10, answer.FailsAt);
    }

    [TestMethod]
    public void Decide_FatalStep_StopsAtOnce()
    {
        var answer = Decide(Options(), Step(10, 5), Step(20, 5), Step(40, 5, fatal: "the monitored server is gone (exited)")).Answer!;
        Assert.AreEqual(20, answer.Holds);
        Assert.AreEqual(40, answer.FailsAt);
        Assert.AreEqual("the monitored server is gone (exited)", answer.StoppedEarly);
    }

    [TestMethod]
    public void Decide_FailureBelowAnEarlierFailure_NarrowsBelowIt()
    {
        // 40, 35 and 32 failed: the first bad count is the lowest failure, the answer the best pass below it.
        var answer = Decide(Options(min: 10), Step(10, 5), Step(20, 5), Step(40, 900), Step(30, 5), Step(35, 900), Step(32, 900)).Answer;
        Assert.IsNotNull(answer);
        Assert.AreEqual(30, answer.Holds);
    }

    [TestMethod]
    [DataRow(1840, 10, 5000)]
    [DataRow(37, 10, 5000)]
    [DataRow(10, 10, 5000)]
    [DataRow(4999, 10, 5000)]
    [DataRow(123_456, 100, 1_000_000)]
    public void Search_ScriptedKnee_FindsItWithinTheResolution(int knee, int min, int max)
    {
        var options = Options(min, max);
        var steps = new List<StepResult>();
        for (var guard = 0; guard < 60; guard++)
        {
            var decision = CapacitySearch.Decide(options, steps);
            if (decision.Answer is { } answer)
            {
                Assert.IsNotNull(answer.Holds);
                Assert.IsLessThanOrEqualTo(knee, answer.Holds.Value, "never claims more than the knee");
                Assert.IsGreaterThan(knee, answer.FailsAt!.Value);
                Assert.IsLessThanOrEqualTo((int)Math.Ceiling(answer.Holds.Value * 0.05), answer.FailsAt.Value - answer.Holds.Value, answer.ToString());
                return;
            }
            var bots = decision.NextBots!.Value;
            // Answers stay fast up to the knee, then slow past the SLO.
            steps.Add(Step(bots, bots <= knee ? 20 : 812));
        }
        Assert.Fail($"no answer after 60 steps: {string.Join(",", steps.Select(s => s.Bots))}");
    }

    [TestMethod]
    public void Search_NeverSlows_ReportsTheUpperBoundReached()
    {
        var options = Options(10, 3000);
        var steps = new List<StepResult>();
        CapacityDecision decision;
        while ((decision = CapacitySearch.Decide(options, steps)).NextBots is { } bots)
            steps.Add(Step(bots, 20));
        Assert.AreEqual("10,20,40,80,160,320,640,1280,2560,3000", string.Join(",", steps.Select(s => s.Bots)));
        Assert.AreEqual(3000, decision.Answer!.Holds);
        Assert.IsTrue(decision.Answer.UpperBoundReached);
    }

    [TestMethod]
    public void Validate_BadOptions_ListsThemAll()
    {
        var problems = new CapacityOptions { MinBots = 0, MaxBots = -1, Resolution = 1.5, Growth = 1, Measure = TimeSpan.Zero, Slo = [Parse("echo.p99 < 1s over 10s")] }.Validate();
        Assert.HasCount(6, problems, string.Join(" | ", problems));
    }
}
