using System.Collections.Immutable;
using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Verdicts;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;
using static LoadTestTui.Tests.Support.TestThresholds;

namespace LoadTestTui.Tests.Dashboard;

/// <summary>The plan, threshold and capacity views on a virtual screen.</summary>
[TestClass]
[DoNotParallelize] // Terminal.Gui application state and the harness's synchronization context
public sealed class VerdictViewsTests
{
    [TestMethod]
    public void Header_FollowingAPlan_ShowsStageTargetAndTimeLeft()
    {
        using var h = new DashboardHarness();
        var storm = new StageBehaviour { ChatIntervalMin = TimeSpan.FromMilliseconds(200), ChatIntervalMax = TimeSpan.FromMilliseconds(500) };
        var plan = new LoadPlan([new Stage(TimeSpan.FromSeconds(60), 100), new Stage(TimeSpan.FromSeconds(60), 300, storm), new Stage(TimeSpan.FromSeconds(30), 0)]);
        h.Feed(SnapshotBuilder.Engine(online: 150, target: 150) with { Plan = plan, PlanPoint = Planner.At(plan, TimeSpan.FromSeconds(83)) });
        StringAssert.Contains(h.Screen, "stage 2/3 → 300 bots, 00:00:37 left (chat 200ms-500ms)");
    }

    [TestMethod]
    public void Header_PlainRun_ShowsNoStage()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(online: 5, target: 5));
        Assert.DoesNotContain("stage", h.Screen);
    }

    [TestMethod]
    public void ThresholdsBar_ShowsEachThresholdPassingOrFailing()
    {
        IReadOnlyList<ThresholdResult> results = [new(Parse("echo.p99 < 200ms"), 12.5), new(Parse("errors.rate < 1%"), 0.03)];
        using var h = new DashboardHarness(settings: new DashboardSettings { Target = "x", Thresholds = () => results });
        h.Feed(SnapshotBuilder.Engine(online: 5, target: 5));
        StringAssert.Contains(h.Screen, "thresholds: ✔ echo.p99 < 200ms (12.5 ms) ✘ errors.rate < 1% (3%)");
        Assert.AreEqual("True|False", string.Join("|", h.Window.ThresholdsBar.Segments().Skip(1).Select(s => s.Passed)));
    }

    [TestMethod]
    public void CapacityLine_ShowsStateAndBestSoFar()
    {
        var slo = ImmutableArray.Create(Parse("echo.p99 < 500ms"));
        var figures = new FigureSet(new RunFigures(), null);
        var step = new StepResult(400, 400, TimeSpan.Zero, TimeSpan.FromSeconds(20), figures, [new ThresholdResult(slo[0], 40)]);
        var status = new CapacityStatus("growing: measuring 800", 800, 400, [step], null);
        using var h = new DashboardHarness(settings: new DashboardSettings { Target = "x", Capacity = () => status });
        h.Feed(SnapshotBuilder.Engine(online: 800, target: 800));
        StringAssert.Contains(h.Screen, "capacity: growing: measuring 800, holds 400 so far │ step 1: 400 pass");
    }

    [TestMethod]
    public void LoadPane_DrawsOnlineBelowTheTargetLine()
    {
        using var h = new DashboardHarness();
        foreach (var online in new[] { 0, 25, 50, 75, 100, 100 })
            h.Feed(SnapshotBuilder.Engine(online: online, target: 100));
        StringAssert.Contains(h.Screen, "Load: online ▇ 100 vs target ─ 100");
        var rows = h.Window.LoadPane.Chart.Render(6, 3);
        Assert.AreEqual("───▂██|  ▄███| ▆████", string.Join("|", rows));
    }

    [TestMethod]
    public void LoadChart_RampLaggingItsTarget_ShowsTheLineAboveTheBars()
    {
        var chart = new LoadChart(10);
        chart.Push(10, 40);
        chart.Push(20, 40);
        chart.Push(double.NaN, double.NaN);
        Assert.AreEqual("── | ▄ |▆█ ", string.Join("|", chart.Render(3, 3)));
    }
}
