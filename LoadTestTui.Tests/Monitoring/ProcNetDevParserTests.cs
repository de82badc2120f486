using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class ProcNetDevParserTests
{
    private const string Captured =
        "Inter-|   Receive                                                |  Transmit\n" +
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n" +
        "    lo: 1195926     147    0    0    0     0          0         0  1195926     147    0    0    0     0       0          0\n" +
        "  eth0: 190971679 12345    0    0    0     0          0         0  1482362    6789    0    0    0     0       0          0\n" +
        "  ifb0:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0\n";

    [TestMethod]
    public void TryParse_CapturedDev_SumsAllInterfacesIncludingLoopback()
    {
        Assert.IsTrue(ProcNetDevParser.TryParse(Captured, out var totals));
        Assert.AreEqual(1195926L + 190971679, totals.BytesReceived);
        Assert.AreEqual(1195926L + 1482362, totals.BytesSent);
    }

    [TestMethod]
    public void TryParse_OldKernelNoSpaceAfterColon_Parses()
    {
        Assert.IsTrue(ProcNetDevParser.TryParse("eth0:100 1 0 0 0 0 0 0 200 2 0 0 0 0 0 0\n", out var totals));
        Assert.AreEqual(100L, totals.BytesReceived);
        Assert.AreEqual(200L, totals.BytesSent);
    }

    [TestMethod]
    public void TryParse_HeadersOnly_ReturnsFalse() =>
        Assert.IsFalse(ProcNetDevParser.TryParse(Captured.AsSpan(0, Captured.IndexOf("    lo", StringComparison.Ordinal)), out _));
}
