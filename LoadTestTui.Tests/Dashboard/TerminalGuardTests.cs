using LoadTestTui.Core.Engine;
using LoadTestTui.Dashboard;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
public sealed class TerminalGuardTests
{
    [TestMethod]
    public void Check_InteractiveTerminal_ReturnsNull() =>
        Assert.IsNull(TerminalGuard.Check(false, false));

    [TestMethod]
    [DataRow(true, false)]
    [DataRow(false, true)]
    [DataRow(true, true)]
    public void Check_Redirected_ReturnsOneLinePointingAtHeadlessMode(bool input, bool output)
    {
        var message = TerminalGuard.Check(input, output);
        Assert.IsNotNull(message);
        StringAssert.Contains(message, "loadtest run");
        Assert.IsFalse(message.Contains('\n', StringComparison.Ordinal));
    }

    [TestMethod]
    public void EventSink_OverCapacity_DropsOldestAndCounts()
    {
        var sink = new DashboardEventSink(capacity: 2);
        sink.Info("a");
        sink.Warning("b");
        sink.Error("c");
        var drained = new List<EngineEvent>();
        sink.Drain(drained.Add);
        CollectionAssert.AreEqual(new[] { "b", "c" }, drained.Select(e => e.Message).ToArray());
        Assert.AreEqual(1, sink.Dropped);
    }

    [TestMethod]
    public void Settings_Default_IsValidAndBadRefreshIsReported()
    {
        Assert.AreEqual(0, DashboardSettings.Default.Validate().Count);
        Assert.AreEqual(1, (DashboardSettings.Default with { RefreshRate = 0 }).Validate().Count);
    }
}
