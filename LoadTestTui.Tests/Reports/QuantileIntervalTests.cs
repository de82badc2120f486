using LoadTestTui.Core.Reports;

namespace LoadTestTui.Tests.Reports;

[TestClass]
public sealed class QuantileIntervalTests
{
    [TestMethod]
    [DataRow(50.0, 10_000, 4.9, 5.1)]
    [DataRow(99.0, 10_000, 9.85, 9.95)]
    [DataRow(50.0, 100, 3.9, 6.1)]
    public void Of_UniformSamples_BracketsTheTrueQuantileNarrowingWithN(double percentile, int n, double low, double high)
    {
        // Uniform over 0.001..10 ms: the true q-quantile is 10·q ms.
        var interval = QuantileInterval.Of(Fixtures.Uniform(1, 10_000, n), percentile);
        var truth = 10 * percentile / 100;
        Assert.IsTrue(interval.LowMs <= truth && truth <= interval.HighMs, $"{interval} contains {truth}");
        Assert.IsTrue(interval.LowMs >= low && interval.HighMs <= high, $"{interval} within [{low}, {high}]");
    }

    [TestMethod]
    public void Of_TailPercentileOfFewSamples_ReachesTheMaximum()
    {
        var interval = QuantileInterval.Of(Fixtures.Uniform(1000, 2000, 10), 99);
        Assert.AreEqual(2.0, interval.HighMs, 0.01);
    }

    [TestMethod]
    [DataRow(1.0, 2.0, 1.5, 3.0, true)]
    [DataRow(1.0, 2.0, 2.0, 3.0, true)]
    [DataRow(1.0, 2.0, 2.01, 3.0, false)]
    public void Overlaps_SharedValue(double aLow, double aHigh, double bLow, double bHigh, bool expected) =>
        Assert.AreEqual(expected, new QuantileInterval(aLow, aHigh).Overlaps(new QuantileInterval(bLow, bHigh)));
}
