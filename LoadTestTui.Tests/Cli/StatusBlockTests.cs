using LoadTestTui.Cli;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

[TestClass]
public sealed class StatusBlockTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 18, 0, 0);

    [TestMethod]
    public void Format_RampHeldBack_SaysEffectiveRampWindowAndWhy()
    {
        var b = SnapshotBuilder.Engine(state: RunState.Ramping, online: 6_000, target: 19_000);
        var s = b with
        {
            RampPerSecond = 5000,
            EffectiveRampPerSecond = 120,
            Counters = b.Counters with { HandshakesInFlight = 30, HandshakeWindow = 32 },
            RampLimit = "server slow to register: 240 ms p99",
            Latency = b.Latency
                .With(LatencyKind.Registration, SnapshotBuilder.Latency(90, 200, 240, 900, count: 6_000))
                .With(LatencyKind.Connect, SnapshotBuilder.Latency(0.5, 0.8, 1.2, 3)),
        };
        var text = StatusBlock.Format(s, Now);
        StringAssert.Contains(text, "Ramp: 120/s of 5000/s asked; handshakes in flight 30/32 (server slow to register: 240 ms p99)");
        StringAssert.Contains(text, "Registration: p50 90.0ms, p99 240.0ms, max 900.0ms; connect p99 1.2ms (6000 registered)");
    }

    [TestMethod]
    public void Format_Running_NoRampLine()
    {
        var text = StatusBlock.Format(SnapshotBuilder.Engine(state: RunState.Running), Now);
        Assert.IsFalse(text.Contains("Ramp:", StringComparison.Ordinal));
        Assert.IsFalse(text.Contains("Registration:", StringComparison.Ordinal), "nothing registered yet");
    }

    [TestMethod]
    public void Format_AuditIsASample_DeliveryLineSaysSoAndGivesItsSize()
    {
        var s = SnapshotBuilder.Engine() with
        {
            Delivery = DeliveryStats.Empty with { Expected = 9000, Received = 9000, Lost = 1, AuditReceivers = 64, Audited = 640, AuditsEveryReceiver = false },
        };
        var line = StatusBlock.Format(s, Now).Split('\n').Single(l => l.StartsWith("Delivery:", StringComparison.Ordinal));
        StringAssert.Contains(line, "1 lost, 0 duplicated, 0 out of order (sampled by 64 audit receivers over 640 deliveries);");
    }

    [TestMethod]
    public void Format_EveryReceiverAudits_NoSampleNote()
    {
        var s = SnapshotBuilder.Engine() with
        {
            Delivery = DeliveryStats.Empty with { Expected = 20, Received = 20, AuditReceivers = 5, Audited = 20, AuditsEveryReceiver = true },
        };
        var line = StatusBlock.Format(s, Now).Split('\n').Single(l => l.StartsWith("Delivery:", StringComparison.Ordinal));
        Assert.DoesNotContain("sampled", line);
    }

    [TestMethod]
    public void Summary_Stopped_RunAveragesAndPeakSeconds_NotTheLastTick()
    {
        var s = SnapshotBuilder.Engine(state: RunState.Stopped, sent: 100, received: 400) with
        {
            Elapsed = TimeSpan.FromSeconds(4),
            MessagesSentPerSecond = 0,
            MessagesReceivedPerSecond = 0,
            Timeline =
            [
                new TimelineRow(1, 5, 10, 40, 10, 40, 0, 0, 0, 5),
                new TimelineRow(2, 5, 50, 200, 40, 160, 0, 0, 0, 5),
            ],
        };
        var summary = StatusBlock.Summary(s, Now);
        StringAssert.StartsWith(summary.Split('\n')[1], "Load test summary");
        StringAssert.Contains(summary, "Throughput: avg 25.0 msgs/s out, 100.0 msgs/s in over 4.0s; peak 40.0 msgs/s out (t=2s), 160.0 msgs/s in (t=2s)");
        StringAssert.Contains(summary, "Connects: avg 0.0/s, peak 5.0/s");
        StringAssert.Contains(StatusBlock.Format(s, Now), "Throughput: 0.0 msgs/s out, 0.0 msgs/s in", "a status block keeps the current rate");
    }
}
