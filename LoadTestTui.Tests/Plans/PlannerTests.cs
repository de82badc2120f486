using LoadTestTui.Core.Plans;

namespace LoadTestTui.Tests.Plans;

[TestClass]
public sealed class PlannerTests
{
    // 0 -> 100 over 10 s, hold 100 for 10 s, jump to 300 (zero-length), hold 5 s, ramp down to 0 over 10 s.
    private static readonly LoadPlan Plan = new(
    [
        new Stage(TimeSpan.FromSeconds(10), 100),
        new Stage(TimeSpan.FromSeconds(10), 100),
        new Stage(TimeSpan.Zero, 300),
        new Stage(TimeSpan.FromSeconds(5), 300),
        new Stage(TimeSpan.FromSeconds(10), 0),
    ]);

    [TestMethod]
    [DataRow(0.0, 0, 0, 10.0, false)]
    [DataRow(0.05, 0, 0, 9.95, false)]
    [DataRow(0.1, 0, 1, 9.9, false)]
    [DataRow(2.5, 0, 25, 7.5, false)]
    [DataRow(9.999, 0, 99, 0.001, false)]
    [DataRow(10.0, 1, 100, 10.0, false)]
    [DataRow(19.9, 1, 100, 0.1, false)]
    [DataRow(20.0, 3, 300, 5.0, false)] // the zero-length stage 3 is never active: its target carries into stage 4
    [DataRow(25.0, 4, 300, 10.0, false)]
    [DataRow(27.5, 4, 225, 7.5, false)] // ramp down truncates toward the previous target
    [DataRow(34.99, 4, 1, 0.01, false)]
    [DataRow(35.0, 4, 0, 0.0, true)]
    [DataRow(1000.0, 4, 0, 0.0, true)]
    [DataRow(-5.0, 0, 0, 10.0, false)]
    public void At_Table(double seconds, int stage, int target, double remaining, bool finished)
    {
        var point = Planner.At(Plan, TimeSpan.FromSeconds(seconds));
        Assert.AreEqual(stage, point.StageIndex, "stage");
        Assert.AreEqual(target, point.Target, "target");
        Assert.AreEqual(remaining, point.StageRemaining.TotalSeconds, 1e-9, "remaining");
        Assert.AreEqual(finished, point.Finished, "finished");
    }

    [TestMethod]
    [DataRow(0.0, 1000)]
    [DataRow(43_200.0, 1500)] // 12 h into a 24 h stage
    [DataRow(86_399.0, 1999)]
    [DataRow(86_400.0, 2000)] // second stage starts: 30 days long
    [DataRow(86_400.0 + (15 * 86_400.0), 1000)]
    [DataRow(86_400.0 + (30 * 86_400.0) - 0.001, 1)]
    public void At_PlanLongerThanADay_IsExactInTicks(double seconds, int expected)
    {
        var plan = new LoadPlan([new Stage(TimeSpan.FromDays(1), 2000), new Stage(TimeSpan.FromDays(30), 0)], startTarget: 1000);
        Assert.AreEqual(expected, Planner.At(plan, TimeSpan.FromSeconds(seconds)).Target);
        Assert.AreEqual(TimeSpan.FromDays(31), plan.Total);
    }

    [TestMethod]
    public void At_StageBehaviour_IsTheActiveStages()
    {
        var storm = new StageBehaviour { ChatIntervalMin = TimeSpan.FromMilliseconds(200), ChatIntervalMax = TimeSpan.FromMilliseconds(500) };
        var plan = new LoadPlan([new Stage(TimeSpan.FromSeconds(5), 10), new Stage(TimeSpan.FromSeconds(5), 10, storm), new Stage(TimeSpan.FromSeconds(5), 10)]);
        Assert.IsNull(Planner.At(plan, TimeSpan.FromSeconds(4.9)).Behaviour);
        Assert.AreSame(storm, Planner.At(plan, TimeSpan.FromSeconds(5)).Behaviour);
        Assert.IsNull(Planner.At(plan, TimeSpan.FromSeconds(10)).Behaviour);
    }

    [TestMethod]
    public void Validate_ZeroTotalOrNegativeTarget_ListsEveryProblem()
    {
        var problems = new LoadPlan([new Stage(TimeSpan.Zero, -1), new Stage(TimeSpan.Zero, 2_000_000)]).Validate();
        Assert.HasCount(3, problems, string.Join(" | ", problems));
    }
}
