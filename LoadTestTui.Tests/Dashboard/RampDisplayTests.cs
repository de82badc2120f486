using LoadTestTui.Core.Engine;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Dashboard;

/// <summary>The header and Latency pane show the effective ramp, why it is held back, and what registering costs.</summary>
[TestClass]
[DoNotParallelize]
public sealed class RampDisplayTests
{
    private static EngineSnapshot HeldBack()
    {
        var s = SnapshotBuilder.Engine(state: RunState.Ramping, online: 6_000, target: 19_000);
        return s with
        {
            RampPerSecond = 5000,
            EffectiveRampPerSecond = 120,
            Counters = s.Counters with { HandshakesInFlight = 30, HandshakeWindow = 32 },
            RampLimit = "server slow to register: 240 ms p99",
            LatencyInterval = s.LatencyInterval
                .With(LatencyKind.Registration, SnapshotBuilder.Latency(180, 220, 240, 260))
                .With(LatencyKind.Connect, SnapshotBuilder.Latency(0.5, 0.8, 1.25, 3)),
            Latency = s.Latency.With(LatencyKind.Registration, SnapshotBuilder.Latency(90, 200, 230, 900)),
        };
    }

    [TestMethod]
    public void Header_RampHeldBack_ShowsEffectiveRampAndWhy() =>
        StringAssert.Contains(new HeaderView("x").Compose(HeldBack()), "ramp 120/s of 5.0k/s: server slow to register: 240 ms p99");

    [TestMethod]
    public void Header_Running_NoRampText() =>
        Assert.IsFalse(new HeaderView("x").Compose(HeldBack() with { State = RunState.Running }).Contains("ramp", StringComparison.Ordinal));

    [TestMethod]
    public void LatencyPane_Registering_ShowsRegistrationAndConnectPercentiles()
    {
        using var h = new DashboardHarness();
        h.Feed(HeldBack());
        StringAssert.Contains(h.Screen, "register p50 180.0  p99 240.0 ms │ connect p99 1.25 ms");
    }

    [TestMethod]
    public void LatencyPane_NothingRegistered_SaysSo()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine());
        StringAssert.Contains(h.Screen, "register -");
    }
}
