using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoadTestTui.Tests.Bots;

/// <summary>The directory's send times: what receivers read for fan-out latency, from any thread, without a lock.</summary>
[TestClass]
public sealed class BotDirectoryTests
{
    [TestMethod]
    public void TryGetSend_RecentSequence_ReturnsItsTime()
    {
        var bots = Directory(3);
        bots.RecordSend(2, 7, 12345);

        Assert.IsTrue(bots.TryGetSend(2, 7, out var ticks));
        Assert.AreEqual(12345, ticks);
        Assert.IsFalse(bots.TryGetSend(1, 7, out _), "another bot's sequence 7 was never sent");
    }

    [TestMethod]
    public void TryGetSend_OverwrittenSlot_IsAbsentNotWrong()
    {
        var bots = Directory(1);
        bots.RecordSend(1, 1, 100);
        bots.RecordSend(1, 1 + BotDirectory.SendTimesPerBot, 200); // the same slot, one round later

        Assert.IsFalse(bots.TryGetSend(1, 1, out _));
        Assert.IsTrue(bots.TryGetSend(1, 1 + BotDirectory.SendTimesPerBot, out var ticks));
        Assert.AreEqual(200, ticks);
    }

    [TestMethod]
    [DataRow(0, 5u, "an id below the first")]
    [DataRow(4, 5u, "an id past the last bot")]
    [DataRow(1, 0u, "sequence 0 (never sent: sequences start at 1)")]
    [DataRow(2, 5u, "a bot that never chatted")]
    public void TryGetSend_NothingRecorded_IsAbsent(int id, uint sequence, string why)
    {
        var bots = Directory(3);
        bots.RecordSend(1, 5, 100);

        Assert.IsFalse(bots.TryGetSend(id, sequence, out var ticks), why);
        Assert.AreEqual(0, ticks);
    }

    [TestMethod]
    public void RecordSend_BotsInDifferentChunks_KeepTheirOwnTimes()
    {
        var bots = Directory(2_100);
        bots.RecordSend(1, 3, 10);
        bots.RecordSend(1_025, 3, 20);
        bots.RecordSend(2_100, 3, 30);

        Assert.IsTrue(bots.TryGetSend(1, 3, out var first));
        Assert.IsTrue(bots.TryGetSend(1_025, 3, out var second));
        Assert.IsTrue(bots.TryGetSend(2_100, 3, out var third));
        Assert.AreEqual((10L, 20L, 30L), (first, second, third));
        Assert.IsTrue(bots.Contains(2_100));
        Assert.IsFalse(bots.Contains(2_101));
    }

    [TestMethod]
    public async Task RecordSend_WhileAnotherThreadReads_NeverPairsASequenceWithAnotherSendsTime()
    {
        // As a bot does: sequences only ever grow, each slot is reused every 32 sends, and the time
        // written with a sequence says which one it was.
        const uint Sends = 1_000_000;
        var bots = Directory(1);
        var written = 0u;
        var wrong = 0L;
        var seen = 0L;
        using var started = new ManualResetEventSlim();
        var reader = Task.Run(() =>
        {
            started.Set();
            while (Volatile.Read(ref written) < Sends)
            {
                var newest = Volatile.Read(ref written);
                for (var sequence = Math.Max(1, newest - 40); sequence <= newest + 1; sequence++)
                {
                    if (!bots.TryGetSend(1, sequence, out var ticks))
                        continue;
                    seen++;
                    if (ticks != sequence * 10L)
                        wrong++;
                }
            }
        });
        Assert.IsTrue(started.Wait(TimeSpan.FromSeconds(10)), "the reader started");
        for (var sequence = 1u; sequence <= Sends; sequence++)
        {
            bots.RecordSend(1, sequence, sequence * 10L);
            Volatile.Write(ref written, sequence);
        }
        await reader;

        Assert.AreEqual(0L, wrong, $"{wrong} of {seen} reads paired a sequence with another send's time");
        Assert.IsGreaterThan(0L, seen, "the reader saw sends while they were written");
    }

    private static BotDirectory Directory(int count)
    {
        var run = new RunContext(BotOptions.Default, EngineOptions.Default.RunLimits, NullLogger.Instance);
        for (var id = 1; id <= count; id++)
            run.Bots.Add(new Bot(id, run));
        return run.Bots;
    }
}
