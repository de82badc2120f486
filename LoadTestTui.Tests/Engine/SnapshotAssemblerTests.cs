using System.Diagnostics;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Engine;

/// <summary>The one snapshot builder, fed ticks by hand: what every engine publishes follows from its inputs alone.</summary>
[TestClass]
public sealed class SnapshotAssemblerTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private static long At(double seconds) => 1_000_000_000 + (long)(seconds * Stopwatch.Frequency);

    private static RunMeta Meta(double seconds, int target = 10) => new()
    {
        Elapsed = TimeSpan.FromSeconds(seconds),
        StartedAt = DateTimeOffset.UnixEpoch,
        State = RunState.Running,
        RunId = "k7q2",
        Target = target,
        RampPerSecond = 100,
        Counting = true,
    };

    private static RunCounters Counters(int online, long sent, long received, int created = 10, int audit = 10) => RunCounters.Zero with
    {
        TotalBots = 10,
        BotsCreated = created,
        AuditReceivers = audit,
        States = new StateCounts(0, 0, 0, online, 10 - online, 0, 0, 0),
        MessagesSent = sent,
        MessagesReceived = received,
        DeliveryExpected = received,
        DeliveryReceived = received,
        DeliveryAudited = received,
        Started = 10,
    };

    private static LatencySet Echoes(params long[] microseconds)
    {
        var set = new LatencySet();
        foreach (var us in microseconds)
            set.For(LatencyKind.ChatEcho).RecordValue(us);
        return set;
    }

    [TestMethod]
    public void Next_TwoTicks_RatesAreTheChangeOverTheTickAndLatenciesAccumulate()
    {
        var assembler = new SnapshotAssembler(Tick);
        assembler.Reset(At(0));
        var first = assembler.Next(At(0.5), Counters(8, 100, 900), Echoes(1000, 2000), Meta(0.5));
        var second = assembler.Next(At(1.0), Counters(10, 150, 1400), Echoes(3000), Meta(1.0));

        Assert.AreEqual(200.0, first.MessagesSentPerSecond, 1e-6);
        Assert.AreEqual(100.0, second.MessagesSentPerSecond, 1e-6, "50 more in half a second");
        Assert.AreEqual(1000.0, second.MessagesReceivedPerSecond, 1e-6);
        Assert.AreEqual(3L, second.ChatRtt.Count, "the whole run's values");
        Assert.AreEqual(1L, second.ChatRttInterval.Count, "the last tick's values");
        Assert.AreEqual(3.0, second.ChatRttInterval.P50Ms, 0.01);
        Assert.AreEqual(10, second.PeakOnline);
        Assert.AreEqual(150L, second.MessagesSent);
        Assert.IsFalse(string.IsNullOrEmpty(second.Histograms.ChatRtt), "the cumulative histogram reaches the exports");
        Assert.AreEqual(LatencyKind.BuiltIn.Count, second.Latency.Kinds.Count(), "every built-in kind is listed, with or without values");
    }

    [TestMethod]
    [DataRow(10, 10, true)]
    [DataRow(400, 64, false)]
    public void Next_Delivery_AuditFiguresComeFromTheCounters(int created, int audit, bool everyReceiver)
    {
        var assembler = new SnapshotAssembler(Tick);
        assembler.Reset(At(0));
        var s = assembler.Next(At(0.25), Counters(10, 10, 90, created, audit), new LatencySet(), Meta(0.25));
        Assert.AreEqual(audit, s.Delivery.AuditReceivers);
        Assert.AreEqual(90L, s.Delivery.Audited);
        Assert.AreEqual(everyReceiver, s.Delivery.AuditsEveryReceiver);
    }

    [TestMethod]
    public void Next_TrackedWindow_HoldsOnlyTheTicksInsideIt()
    {
        var assembler = new SnapshotAssembler(Tick);
        assembler.Track(TimeSpan.FromSeconds(1));
        assembler.Reset(At(0));
        EngineSnapshot last = null!;
        for (var i = 1; i <= 8; i++)
        {
            var seconds = i * 0.25;
            last = assembler.Next(At(seconds), Counters(10, i * 10, i * 90), Echoes(i * 1000), Meta(seconds));
        }
        var window = last.Windows[TimeSpan.FromSeconds(1)];
        Assert.AreEqual(40L, window.MessagesSent, "the last four ticks sent 10 each");
        Assert.AreEqual(4L, window.ChatRtt.Count);
        Assert.AreEqual(5.0, window.ChatRtt.MinMs, 0.01, "the tick of 4 ms is outside the window");
        Assert.AreEqual(80L, last.Figures.MessagesSent, "the whole run");
        Assert.AreEqual(window, assembler.Since(TimeSpan.FromSeconds(1)), "FiguresSince reads the same ticks");
    }

    [TestMethod]
    public void Next_PassingAWholeSecond_ClosesOneTimelineRowWithThatSecondsFigures()
    {
        var assembler = new SnapshotAssembler(Tick);
        assembler.Reset(At(0));
        assembler.Next(At(0.5), Counters(5, 40, 100), Echoes(1000), Meta(0.5));
        var s = assembler.Next(At(1.0), Counters(10, 100, 500), Echoes(2000, 4000), Meta(1.0));
        var row = s.Timeline.Single();
        Assert.AreEqual(1, row.T);
        Assert.AreEqual(10, row.Online);
        Assert.AreEqual(100.0, row.SentPerSecond, 1e-6);
        Assert.AreEqual(3L, row.Chat.Count, "the second's echoes, from both ticks");
        var next = assembler.Next(At(1.25), Counters(10, 110, 600), Echoes(8000), Meta(1.25));
        Assert.HasCount(1, next.Timeline, "no row until the next whole second");
    }

    [TestMethod]
    public void Reset_NewRun_ForgetsTheLastRunsFigures()
    {
        var assembler = new SnapshotAssembler(Tick);
        assembler.Reset(At(0));
        assembler.Next(At(1.0), Counters(10, 100, 500), Echoes(1000), Meta(1.0));
        assembler.Reset(At(2));
        var s = assembler.Next(At(2.25), Counters(2, 5, 0), new LatencySet(), Meta(0.25));
        Assert.AreEqual(0L, s.ChatRtt.Count);
        Assert.AreEqual(2, s.PeakOnline);
        Assert.AreEqual(20.0, s.MessagesSentPerSecond, 1e-6);
        Assert.IsEmpty(s.Timeline);
    }
}
