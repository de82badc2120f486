using LoadTestTui.Core.Bots;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class SendLogTests
{
    [TestMethod]
    public void TryGet_RecentSequence_ReturnsItsTime()
    {
        var log = new SendLog();
        log.Record(7, 12345);
        Assert.IsTrue(log.TryGet(7, out var ticks));
        Assert.AreEqual(12345, ticks);
    }

    [TestMethod]
    public void TryGet_OverwrittenSlot_IsAbsentNotWrong()
    {
        var log = new SendLog();
        log.Record(1, 100);
        log.Record(33, 200); // same slot, 32 later
        Assert.IsFalse(log.TryGet(1, out _));
        Assert.IsTrue(log.TryGet(33, out var ticks));
        Assert.AreEqual(200, ticks);
    }

    [TestMethod]
    public void TryGet_NeverRecorded_IsAbsent() => Assert.IsFalse(new SendLog().TryGet(5, out _));
}
