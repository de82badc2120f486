using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class CpuPercentTests
{
    [TestMethod]
    [DataRow(1.0, 1.0, 100.0)]
    [DataRow(0.5, 1.0, 50.0)]
    [DataRow(2.0, 1.0, 200.0)]
    [DataRow(0.25, 0.5, 50.0)]
    [DataRow(0.0, 1.0, 0.0)]
    [DataRow(1.0, 0.0, 0.0)]
    [DataRow(-1.0, 1.0, 0.0)]
    public void OfProcess_CpuOverWall_IsPercentOfOneCore(double cpuSeconds, double wallSeconds, double expected) =>
        Assert.AreEqual(expected, CpuPercent.OfProcess(TimeSpan.FromSeconds(cpuSeconds), TimeSpan.FromSeconds(wallSeconds)), 1e-9);

    [TestMethod]
    [DataRow(1000L, 800L, 1200L, 900L, 50.0)]
    [DataRow(1000L, 800L, 1200L, 1000L, 0.0)]
    [DataRow(1000L, 800L, 1200L, 800L, 100.0)]
    [DataRow(1000L, 800L, 1000L, 800L, 0.0)]
    [DataRow(1000L, 800L, 900L, 700L, 0.0)]
    public void OfSystem_TwoReadings_IsBusyShareOfAllCores(long total1, long idle1, long total2, long idle2, double expected) =>
        Assert.AreEqual(expected, CpuPercent.OfSystem(new SystemCpuTimes(total1, idle1), new SystemCpuTimes(total2, idle2)), 1e-9);

    [TestMethod]
    public void FromTicks_HundredTicks_IsOneSecond() =>
        Assert.AreEqual(TimeSpan.FromSeconds(1), CpuPercent.FromTicks(100));
}
