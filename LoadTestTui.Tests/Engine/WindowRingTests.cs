using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Engine;

[TestClass]
public sealed class WindowRingTests
{
    /// <summary>Tick <paramref name="second"/>: one echo of <paramref name="echoMs"/> ms, and cumulative counters of <paramref name="second"/> × 10 chats sent.</summary>
    private static WindowRing.Sample Tick(int second, long echoMs, double ratio = 1)
    {
        var histogram = LatencyHistogram.New();
        histogram.RecordValue(echoMs * 1000);
        var totals = WindowRing.Totals.Zero with { Counters = RunCounters.Zero with { MessagesSent = second * 10L, DeliveryLost = second }, OnlineRatioSum = (long)(ratio * WindowRing.RatioScale) * second, OnlineRatioTicks = second, Online = second };
        return new WindowRing.Sample(TimeSpan.FromSeconds(second), [(LatencyKind.ChatEcho, HistogramSlice.Of(histogram)), (LatencyKind.Registration, HistogramSlice.Of(histogram))], totals);
    }

    [TestMethod]
    public void Since_MergesExactlyTheTicksAfterTheStart()
    {
        var ring = new WindowRing(10);
        foreach (var (second, ms) in new[] { (1, 100L), (2, 200L), (3, 300L), (4, 400L), (5, 500L) })
            ring.Add(Tick(second, ms));

        var window = ring.Since(TimeSpan.FromSeconds(2));
        Assert.AreEqual(3L, window.ChatRtt.Count, "ticks 3, 4 and 5");
        Assert.AreEqual(3L, window.Registration.Count, "registration windows the same way");
        Assert.AreEqual(300, window.ChatRtt.MinMs, 1);
        Assert.AreEqual(500, window.ChatRtt.MaxMs, 1);
        Assert.AreEqual(30L, window.MessagesSent, "50 - 20");
        Assert.AreEqual(3L, window.Lost);
        Assert.AreEqual(TimeSpan.FromSeconds(3), window.Span);
        Assert.AreEqual(5, window.Online);

        var whole = ring.Since(TimeSpan.Zero);
        Assert.AreEqual(5L, whole.ChatRtt.Count);
        Assert.AreEqual(50L, whole.MessagesSent);
        Assert.AreEqual(1.0, whole.OnlineRatio);
    }

    [TestMethod]
    public void Since_WindowOlderThanTheRing_StartsAtTheOldestTickKept()
    {
        var ring = new WindowRing(3);
        for (var second = 1; second <= 6; second++)
            ring.Add(Tick(second, second * 100));

        var window = ring.Since(TimeSpan.Zero);
        Assert.AreEqual(2L, window.ChatRtt.Count, "ticks 5 and 6 after the oldest kept (4)");
        Assert.AreEqual(20L, window.MessagesSent);
        Assert.AreEqual(TimeSpan.FromSeconds(2), window.Span);
    }

    [TestMethod]
    public void Since_NothingAfterTheStart_IsEmpty()
    {
        var ring = new WindowRing(5);
        Assert.AreSame(RunFigures.Empty, ring.Since(TimeSpan.Zero));
        ring.Add(Tick(1, 100));
        Assert.AreSame(RunFigures.Empty, ring.Since(TimeSpan.FromSeconds(1)));
    }

    [TestMethod]
    [DataRow(50, 7)]
    [DataRow(12, 5)]
    [DataRow(12, 30)]
    public void SinceRolling_EveryTick_EqualsMergingTheWindowAnew(int capacity, int spanSeconds)
    {
        // Ticks of varied latencies, the ring wrapping several times; a span longer than the ring
        // starts at the oldest tick kept, as a merge does.
        var ring = new WindowRing(capacity);
        var rolling = new WindowRing.Rolling();
        var random = new Random(capacity * 100 + spanSeconds);
        var span = TimeSpan.FromSeconds(spanSeconds);
        var withValues = 0;
        for (var second = 1; second <= 200; second++)
        {
            var histogram = LatencyHistogram.New();
            for (var i = random.Next(0, 40); i > 0; i--)
                histogram.RecordValue(random.Next(1, 500_000));
            var totals = WindowRing.Totals.Zero with { Counters = RunCounters.Zero with { MessagesSent = second * 10L }, OnlineRatioSum = WindowRing.RatioScale * second, OnlineRatioTicks = second, Online = second };
            ring.Add(new WindowRing.Sample(TimeSpan.FromSeconds(second), [(LatencyKind.ChatEcho, HistogramSlice.Of(histogram)), (LatencyKind.Ping, HistogramSlice.Of(histogram))], totals));

            var from = TimeSpan.FromSeconds(second) - span;
            var (merged, kept) = (ring.Since(from), ring.Since(from, rolling));
            Assert.AreEqual(merged, kept, $"second {second}");
            if (kept.ChatRtt.Count > 0)
                withValues++;
        }
        Assert.IsGreaterThan(150, withValues, "most windows hold values");
    }

    [TestMethod]
    public void HistogramSlice_RoundTrip_KeepsEveryBucketAndCount()
    {
        var source = LatencyHistogram.New();
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
            source.RecordValue(random.Next(1, 5_000_000));
        source.RecordValueWithCount(3_600_000_000, 1L << 40); // the top of the range, a huge count
        var copy = LatencyHistogram.New();

        HistogramSlice.Of(source).AddTo(copy);

        CollectionAssert.AreEqual(
            source.RecordedValues().Select(b => (b.ValueIteratedTo, b.CountAtValueIteratedTo)).ToList(),
            copy.RecordedValues().Select(b => (b.ValueIteratedTo, b.CountAtValueIteratedTo)).ToList());
        Assert.AreEqual(LatencyHistogram.Summarize(source), LatencyHistogram.Summarize(copy));
    }

    [TestMethod]
    public void HistogramSlice_BusyTicksFanOut_TakesAFewBytesABucket()
    {
        // A busy tick's fan-out: 75,000 deliveries spread over 0-200 ms fill thousands of buckets.
        var tick = LatencyHistogram.New();
        var random = new Random(3);
        for (var i = 0; i < 75_000; i++)
            tick.RecordValue(random.Next(50, 200_000));
        var buckets = tick.RecordedValues().Count();

        var size = HistogramSlice.Of(tick).Size;

        Assert.IsGreaterThan(2_000, buckets);
        Assert.IsLessThan(4.0, (double)size / buckets, $"{size} bytes for {buckets} buckets (plain pairs of longs took 16 a bucket)");
    }
}
