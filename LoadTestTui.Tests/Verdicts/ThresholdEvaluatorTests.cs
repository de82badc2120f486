using System.Collections.Immutable;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Verdicts;
using static LoadTestTui.Tests.Support.TestThresholds;

namespace LoadTestTui.Tests.Verdicts;

[TestClass]
public sealed class ThresholdEvaluatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static LatencySummary Latency(double p99) => new(100, 1, p99 / 2, p99 / 2, p99, p99, p99, p99, p99);

    private static LatencyFigures Echo(double p99) => LatencyFigures.Empty.With(LatencyKind.ChatEcho, Latency(p99));

    private static EngineSnapshot Snapshot(RunFigures whole, RunFigures? window = null) => new()
    {
        Timestamp = Start.AddSeconds(60),
        StartedAt = Start,
        Elapsed = TimeSpan.FromSeconds(60),
        State = RunState.Running,
        Figures = whole,
        Windows = window is null ? ImmutableDictionary<TimeSpan, RunFigures>.Empty : ImmutableDictionary<TimeSpan, RunFigures>.Empty.Add(TimeSpan.FromSeconds(30), window),
    };

    [TestMethod]
    public void Evaluate_WholeRunAndWindow_ReadTheirOwnFigures()
    {
        var whole = new RunFigures { Latency = Echo(150), OnlineRatio = 0.9, Counters = RunCounters.Zero with { MessagesSent = 990, Errors = 10 } };
        var window = new RunFigures { Latency = Echo(450), OnlineRatio = 1.0 };
        var results = ThresholdEvaluator.Evaluate(
            [Parse("echo.p99 < 200ms"), Parse("echo.p99 < 200ms over 30s"), Parse("online.ratio >= 99%"), Parse("online.ratio >= 99% over 30s"), Parse("errors.rate < 1%")],
            Snapshot(whole, window), monitor: null);
        Assert.AreEqual("PASS|FAIL|FAIL|PASS|FAIL", string.Join("|", results.Select(r => r.Passed ? "PASS" : "FAIL")));
        Assert.AreEqual("PASS  echo.p99 < 200ms  (measured 150 ms)", results[0].ToString());
        Assert.AreEqual("echo.p99 450 ms >= 200 ms", results[1].Reason());
        Assert.AreEqual("FAIL  errors.rate < 1%  (measured 1%)", results[4].ToString());
    }

    [TestMethod]
    public void Evaluate_NoData_Fails()
    {
        var results = ThresholdEvaluator.Evaluate([Parse("echo.p99 < 200ms"), Parse("delivery.lost == 0 over 30s"), Parse("server.cpu.max < 80%")], Snapshot(RunFigures.Empty), monitor: null);
        Assert.IsTrue(results.All(r => !r.Passed));
        Assert.AreEqual("no data", results[0].MeasuredText);
        Assert.AreEqual("echo.p99: no data", results[0].Reason());
    }

    [TestMethod]
    public void Evaluate_ServerMetrics_UseTheSamplesOfTheSpan()
    {
        MonitorSnapshot Sample(double seconds, double cpu, long memoryMb) => new()
        {
            Timestamp = Start.AddSeconds(seconds),
            Elapsed = TimeSpan.FromSeconds(seconds),
            Target = new MonitorTarget("chat", null, null),
            Status = "running",
            System = new SystemSample(0, 0, 0, 0, 0, null, 0, 0, 0, 0),
            Process = new ProcessSample(42, "chat", "running", cpu, 1, memoryMb * 1024 * 1024, 4, null, 10, 8),
        };
        // Before the run (ignored), early in the run (only the whole run sees it), in the last 30 s.
        IReadOnlyList<MonitorSnapshot> monitor = [Sample(-10, 99, 900), Sample(10, 95, 100), Sample(40, 20, 200), Sample(50, 40, 300)];
        var results = ThresholdEvaluator.Evaluate(
            [Parse("server.cpu.max < 80%"), Parse("server.cpu.max < 80% over 30s"), Parse("server.memory.avg < 250MB over 30s"), Parse("server.connections.max <= 8")],
            Snapshot(new RunFigures(), new RunFigures()), monitor);
        Assert.AreEqual("95%|40%|250 MB|8", string.Join("|", results.Select(r => r.MeasuredText)));
        Assert.AreEqual("FAIL|PASS|FAIL|PASS", string.Join("|", results.Select(r => r.Passed ? "PASS" : "FAIL")));
    }

    [TestMethod]
    public void AbortCause_WaitsForGraceAndIgnoresNoData()
    {
        var failing = new ThresholdResult(Parse("errors.rate < 1%", abort: true, graceSeconds: 10), 0.5);
        var noData = new ThresholdResult(Parse("echo.p99 < 1ms", abort: true), null);
        var notAbort = new ThresholdResult(Parse("errors.count == 0"), 5);
        Assert.IsNull(ThresholdEvaluator.AbortCause([failing, noData, notAbort], TimeSpan.FromSeconds(9.9)));
        Assert.AreSame(failing, ThresholdEvaluator.AbortCause([noData, notAbort, failing], TimeSpan.FromSeconds(10)));
    }
}
