using LoadTestTui.Cli;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

[TestClass]
public sealed class StatusBlockTests
{
    [TestMethod]
    public void Format_AuditIsASample_DeliveryLineSaysSoAndGivesItsSize()
    {
        var s = SnapshotBuilder.Engine() with
        {
            Delivery = DeliveryStats.Empty with { Expected = 9000, Received = 9000, Lost = 1, AuditReceivers = 64, Audited = 640, AuditsEveryReceiver = false },
        };
        var line = StatusBlock.Format(s, DateTime.UnixEpoch).Split('\n').Single(l => l.StartsWith("Delivery:", StringComparison.Ordinal));
        StringAssert.Contains(line, "1 lost, 0 duplicated, 0 out of order (sampled by 64 audit receivers over 640 deliveries);");
    }

    [TestMethod]
    public void Format_EveryReceiverAudits_NoSampleNote()
    {
        var s = SnapshotBuilder.Engine() with
        {
            Delivery = DeliveryStats.Empty with { Expected = 20, Received = 20, AuditReceivers = 5, Audited = 20, AuditsEveryReceiver = true },
        };
        var line = StatusBlock.Format(s, DateTime.UnixEpoch).Split('\n').Single(l => l.StartsWith("Delivery:", StringComparison.Ordinal));
        Assert.DoesNotContain("sampled", line);
    }
}
