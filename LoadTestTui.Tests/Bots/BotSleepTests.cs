using System.Diagnostics;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class BotSleepTests
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(60);

    [TestMethod]
    public void NothingDue_SleepsTheLongestWhateverTheClockReads()
    {
        // Scaling (long.MaxValue - now) used to overflow to a sign that depended on now: a bot with
        // heartbeats, pings and chat all off then slept 100 ns at a time for some clock values.
        var random = new Random(7);
        var clocks = new List<long> { 0, 1, Stopwatch.GetTimestamp(), long.MaxValue / 2, long.MaxValue - 1 };
        for (var i = 0; i < 10_000; i++)
            clocks.Add(random.NextInt64(0, long.MaxValue / 2));

        foreach (var now in clocks)
            Assert.AreEqual(MaxSleep, Bot.SleepUntil(long.MaxValue, now), $"now = {now}");
    }

    [TestMethod]
    public void DueSoon_SleepsUntilThen_AndAlwaysAtLeastATick()
    {
        var now = Stopwatch.GetTimestamp();

        Assert.AreEqual(TimeSpan.FromSeconds(1).Ticks, Bot.SleepUntil(now + Stopwatch.Frequency, now).Ticks, 1, "one second ahead");
        Assert.AreEqual(TimeSpan.FromTicks(1), Bot.SleepUntil(now - Stopwatch.Frequency, now), "already past: the shortest sleep, never a negative one");
        Assert.AreEqual(MaxSleep, Bot.SleepUntil(now + 120 * Stopwatch.Frequency, now), "beyond the longest sleep");
    }
}
