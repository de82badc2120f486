using LoadTestTui.Core.Bots;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class SenderOrderTests
{
    [TestMethod]
    public void Observe_ConsecutiveSequences_AreInOrderWithoutGaps()
    {
        var order = new SenderOrder();
        Assert.AreEqual(Arrival.First, order.Observe(5, first: true, out _));
        for (uint seq = 6; seq < 200; seq++)
        {
            Assert.AreEqual(Arrival.InOrder, order.Observe(seq, first: false, out var gap));
            Assert.AreEqual(0u, gap);
        }
    }

    [TestMethod]
    public void Observe_SkipThenFill_ReportsGapThenLateFill()
    {
        var order = new SenderOrder();
        order.Observe(1, true, out _);
        Assert.AreEqual(Arrival.InOrder, order.Observe(4, false, out var gap));
        Assert.AreEqual(2u, gap);
        Assert.AreEqual(Arrival.LateFill, order.Observe(2, false, out _));
        Assert.AreEqual(Arrival.LateFill, order.Observe(3, false, out _));
        Assert.AreEqual(Arrival.Duplicate, order.Observe(3, false, out _));
    }

    [TestMethod]
    [DataRow(1u)]
    [DataRow(10u)]
    [DataRow(63u)]
    public void Observe_RepeatWithinWindow_IsDuplicate(uint back)
    {
        var order = new SenderOrder();
        order.Observe(1, true, out _);
        for (uint seq = 2; seq <= 100; seq++)
            order.Observe(seq, false, out _);
        Assert.AreEqual(Arrival.Duplicate, order.Observe(100 - back, false, out _));
    }

    [TestMethod]
    public void Observe_OlderThanWindow_IsTooOld()
    {
        var order = new SenderOrder();
        order.Observe(1, true, out _);
        order.Observe(200, false, out var gap);
        Assert.AreEqual(198u, gap);
        Assert.AreEqual(Arrival.TooOld, order.Observe(100, false, out _));
    }
}
