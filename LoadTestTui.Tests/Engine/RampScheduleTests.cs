using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Engine;

[TestClass]
public sealed class RampScheduleTests
{
    [TestMethod]
    [DataRow(0.0, 100.0, 1000, 1)]
    [DataRow(0.009, 100.0, 1000, 1)]
    [DataRow(0.01, 100.0, 1000, 2)]
    [DataRow(0.25, 100.0, 1000, 26)]
    [DataRow(1.0, 100.0, 1000, 101)]
    [DataRow(20.0, 100.0, 1000, 1000)]
    [DataRow(3.0, 0.5, 10, 2)]
    [DataRow(-1.0, 100.0, 10, 1)]
    [DataRow(5.0, 100.0, 0, 0)]
    public void StartedBy_Table(double seconds, double rate, int total, int expected) =>
        Assert.AreEqual(expected, RampSchedule.StartedBy(TimeSpan.FromSeconds(seconds), rate, total));

}
