using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class ReconnectPacerTests
{
    [TestMethod]
    [DataRow(100.0, 10, 1000)]
    [DataRow(500.0, 50, 19000)]
    [DataRow(3.0, 0, 20)]
    public void Reserve_WholeCrowdAtOnce_BoundedPerSecond(double rate, int burst, int crowd)
    {
        var pacer = new ReconnectPacer(rate, burst, 1000); // a millisecond clock
        var random = new Random(7);
        const long now = 50_000;
        var turns = Enumerable.Range(0, crowd).Select(_ => pacer.Reserve(now, random.NextDouble())).ToList();

        Assert.IsTrue(turns.All(t => t >= now), "no turn in the past");
        var perSecond = turns.GroupBy(t => (t - now) / 1000).Select(g => g.Count()).ToList();
        Assert.IsLessThanOrEqualTo(rate + burst + 1, perSecond.Max(), "reconnects in the busiest second");
        var spanSeconds = (turns.Max() - now) / 1000.0;
        Assert.IsGreaterThanOrEqualTo((crowd - burst - 1) / rate - 1, spanSeconds, "the crowd is spread over time");
        Assert.IsLessThanOrEqualTo(crowd / rate + 1, spanSeconds, "and not longer than its rate needs");
    }

    [TestMethod]
    public void Reserve_QuietRun_GoesAtOnce()
    {
        var pacer = new ReconnectPacer(100, 10, 1000);
        Assert.AreEqual(5_000, pacer.Reserve(5_000, 0.5));
        Assert.AreEqual(9_000, pacer.Reserve(9_000, 0.99), "turns spaced wider than the rate are not delayed");
    }

    [TestMethod]
    public void Reserve_SlowTrickle_NeverBunches()
    {
        var pacer = new ReconnectPacer(10, 0, 1000);
        var first = pacer.Reserve(0, 0);
        var second = pacer.Reserve(0, 0);
        var third = pacer.Reserve(0, 0);
        Assert.AreEqual(0, first);
        Assert.AreEqual(100, second);
        Assert.AreEqual(200, third);
    }
}
