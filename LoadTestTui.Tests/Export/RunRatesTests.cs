using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Export;

[TestClass]
public sealed class RunRatesTests
{
    private static EngineSnapshot Stopped() => SnapshotBuilder.Engine(state: RunState.Stopped, sent: 100, received: 400, connects: 10, errors: 3) with
    {
        Elapsed = TimeSpan.FromSeconds(4),
        MessagesSentPerSecond = 0,
        MessagesReceivedPerSecond = 0,
        Timeline =
        [
            new TimelineRow(1, 10, 10, 40, 10, 40, 0, 0, 0, 8) { EffectiveRampPerSecond = 8 },
            new TimelineRow(2, 10, 50, 200, 40, 160, 0, 0, 3, 10) { EffectiveRampPerSecond = 2 },
            new TimelineRow(4, 10, 100, 400, 25, 100, 0, 0, 3, 10),
        ],
    };

    [TestMethod]
    public void Of_StoppedRun_AveragesAreTotalsOverElapsed_PeaksAreTheBusiestSecond()
    {
        var r = RunRates.Of(Stopped());
        Assert.AreEqual(4.0, r.DurationSeconds);
        Assert.AreEqual(new RateFigure(25, 40, 2), r.MessagesSent);
        Assert.AreEqual(new RateFigure(100, 160, 2), r.MessagesReceived);
        Assert.AreEqual(new RateFigure(2.5, 8, 1), r.Connects, "connects grow 8 in second 1, 2 in second 2, 0 over seconds 3-4");
        Assert.AreEqual(new RateFigure(0.75, 3, 2), r.Errors);
    }

    [TestMethod]
    public void Ramp_OverTheSecondsThatStartedBots()
    {
        Assert.AreEqual(new RateFigure(5, 8, 1), RunRates.Ramp(Stopped()));
        Assert.IsNull(RunRates.Ramp(Stopped() with { Timeline = [] }));
    }

    [TestMethod]
    public void Of_ShorterThanASecond_PeakIsTheAverage()
    {
        var r = RunRates.Of(Stopped() with { Elapsed = TimeSpan.FromSeconds(0.5), Timeline = [] });
        Assert.AreEqual(new RateFigure(200, 200, null), r.MessagesSent);
    }
}
