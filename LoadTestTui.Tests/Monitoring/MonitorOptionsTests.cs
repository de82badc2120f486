using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class MonitorOptionsTests
{
    [TestMethod]
    public void Validate_Default_HasNoProblems() =>
        Assert.IsEmpty(MonitorOptions.Default.Validate());

    [TestMethod]
    public void Validate_EverythingWrong_ReportsEveryProblem()
    {
        var options = new MonitorOptions
        {
            Target = new MonitorTarget("", -3, 70000),
            Interval = TimeSpan.FromSeconds(0.05),
            LoadTestPort = 0,
        };
        var problems = options.Validate();
        foreach (var expected in new[] { "only one of", "--process must name", "--pid must be", "--port must be", "load-test port", "--interval" })
            Assert.IsTrue(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"missing '{expected}' in: {string.Join(" | ", problems)}");
    }

    [TestMethod]
    [DataRow(0.1, true)]
    [DataRow(2.0, true)]
    [DataRow(3600.0, true)]
    [DataRow(0.09, false)]
    [DataRow(3601.0, false)]
    public void Validate_Interval_AcceptsTenthOfASecondToAnHour(double seconds, bool valid) =>
        Assert.AreEqual(valid, new MonitorOptions { Interval = TimeSpan.FromSeconds(seconds) }.Validate().Count == 0);

    [TestMethod]
    public void Validate_PathAsName_IsAProblem() =>
        Assert.HasCount(1, new MonitorOptions { Target = new MonitorTarget("/opt/ChattingServer") }.Validate());
}
