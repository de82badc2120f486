using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class ProcStatParserTests
{
    private const string Captured =
        "cpu  35258 0 6201 167602 229 0 41 36 0 0\n" +
        "cpu0 16889 0 2974 84704 45 0 9 15 0 0\n" +
        "cpu1 18369 0 3227 82898 183 0 31 21 0 0\n" +
        "intr 1234 0 0\n" +
        "ctxt 98765\n";

    [TestMethod]
    public void TryParse_CapturedStat_SumsFirstEightColumnsAndIdlePlusIowait()
    {
        Assert.IsTrue(ProcStatParser.TryParse(Captured, out var times));
        Assert.AreEqual(35258L + 0 + 6201 + 167602 + 229 + 0 + 41 + 36, times.TotalTicks);
        Assert.AreEqual(167602L + 229, times.IdleTicks);
    }

    [TestMethod]
    public void TryParse_OldKernelFourColumns_Parses()
    {
        Assert.IsTrue(ProcStatParser.TryParse("cpu 10 20 30 40\n", out var times));
        Assert.AreEqual(100L, times.TotalTicks);
        Assert.AreEqual(40L, times.IdleTicks);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("cpu0 1 2 3 4\n")]
    [DataRow("cpu  1 x 3 4\n")]
    [DataRow("cpu  1 2\n")]
    public void TryParse_Malformed_ReturnsFalse(string text) =>
        Assert.IsFalse(ProcStatParser.TryParse(text, out _));

    [TestMethod]
    public void TryParse_TwoCapturedReadings_GiveSystemPercent()
    {
        ProcStatParser.TryParse("cpu  100 0 100 700 100 0 0 0 0 0\n", out var first);
        ProcStatParser.TryParse("cpu  150 0 150 750 150 0 0 0 0 0\n", out var second);
        Assert.AreEqual(50.0, CpuPercent.OfSystem(first, second), 1e-9);
    }
}
