using HdrHistogram;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Model;

[TestClass]
public sealed class LatencySummaryTests
{
    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    [DataRow(1_000)]
    [DataRow(100_000)]
    public void Summarize_OneWalk_EqualsHdrHistogramsOwnFigures(int values)
    {
        var random = new Random(values);
        for (var round = 0; round < 20; round++)
        {
            var histogram = new LongHistogram(1, 3_600_000_000, 3);
            for (var i = 0; i < values; i++)
            {
                // Mostly fast with a long tail, as latencies are; sometimes one value many times.
                var value = (long)Math.Exp(random.NextDouble() * 16) + 1;
                histogram.RecordValueWithCount(value, random.Next(10) == 0 ? random.Next(1, 50) : 1);
            }

            var summary = LatencyHistogram.Summarize(histogram);

            var expected = new LatencySummary(
                histogram.TotalCount,
                histogram.GetValueAtPercentile(0) / 1000.0,
                histogram.GetMean() / 1000.0,
                histogram.GetValueAtPercentile(50) / 1000.0,
                histogram.GetValueAtPercentile(90) / 1000.0,
                histogram.GetValueAtPercentile(95) / 1000.0,
                histogram.GetValueAtPercentile(99) / 1000.0,
                histogram.GetValueAtPercentile(99.9) / 1000.0,
                histogram.GetMaxValue() / 1000.0);
            Assert.AreEqual(expected, summary, $"round {round}: expected {expected}, got {summary}");
        }
    }

    [TestMethod]
    public void Summarize_Empty_IsTheEmptySummary() =>
        Assert.AreSame(LatencySummary.Empty, LatencyHistogram.Summarize(new LongHistogram(1, 3_600_000_000, 3)));
}
