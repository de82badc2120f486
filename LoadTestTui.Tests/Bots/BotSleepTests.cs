using System.Diagnostics;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class BotSleepTests
{
    private static readonly long Grid = Stopwatch.Frequency / 50;

    [TestMethod]
    public void RoundUpToWakeGrid_NothingDue_StaysNever()
    {
        // With heartbeats, pings and chat all off nothing is due: the bot must sleep until poked. Scaling
        // "never" once overflowed to a clock-dependent sign, and such a bot woke every 100 ns.
        Assert.AreEqual(long.MaxValue, Bot.RoundUpToWakeGrid(long.MaxValue));
        Assert.AreEqual(long.MaxValue, Bot.RoundUpToWakeGrid(long.MaxValue - 1));
        Assert.AreEqual(long.MaxValue, Bot.RoundUpToWakeGrid(long.MaxValue - Grid + 1));
    }

    [TestMethod]
    public void RoundUpToWakeGrid_AnyTime_NeverEarlierAndLessThanOneStepLater()
    {
        var random = new Random(7);
        var times = new List<long> { 0, 1, Grid - 1, Grid, Grid + 1, Stopwatch.GetTimestamp() };
        for (var i = 0; i < 10_000; i++)
            times.Add(random.NextInt64(0, long.MaxValue / 2));

        foreach (var due in times)
        {
            var woken = Bot.RoundUpToWakeGrid(due);
            Assert.IsTrue(woken >= due && woken - due < Grid, $"due {due} woke at {woken}");
            Assert.AreEqual(0, woken % Grid, $"due {due}: {woken} is off the grid");
        }
    }
}
