using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class MonitorSamplerStateTests
{
    private static readonly MonitorOptions ByName = new() { Target = new MonitorTarget("ChattingServer"), Interval = TimeSpan.FromSeconds(0.1) };

    [TestMethod]
    public async Task SampleNow_TargetAppearsLate_FirstAttachIsNotARestart()
    {
        var source = new FakeMonitorSource();
        await using var sampler = new MonitorSampler(ByName, null, source);

        var absent = sampler.SampleNow();
        Assert.AreEqual(MonitorSampler.NotFound, absent.Status);
        Assert.IsNull(absent.Process);

        source.Present = new ProcessLocation(42, "ChattingServer", 1, 2, null);
        var attached = sampler.SampleNow();
        Assert.AreEqual("sleeping", attached.Status);
        Assert.AreEqual(42, attached.Process?.Pid);
        Assert.IsFalse(attached.Restarted);
        Assert.AreEqual(0, attached.Restarts);
        Assert.AreEqual(2, attached.Matches);
        Assert.AreEqual(0.0, attached.Process!.CpuPercent, "the first sample after attach has no delta");
        Assert.AreEqual(10.0, attached.Process.MemoryPercent, 1e-9);
    }

    [TestMethod]
    public async Task SampleNow_ProcessExitsAndReturns_ReportsExitedThenRestarted()
    {
        var source = new FakeMonitorSource { Present = new ProcessLocation(42, "ChattingServer", 1, 1, null) };
        await using var sampler = new MonitorSampler(ByName, null, source);
        sampler.SampleNow();

        source.Present = null;
        var exited = sampler.SampleNow();
        Assert.AreEqual(MonitorSampler.Exited, exited.Status);
        Assert.IsNull(exited.Process);
        Assert.AreEqual(MonitorSampler.Exited, sampler.SampleNow().Status);

        source.Present = new ProcessLocation(43, "ChattingServer", 2, 1, null);
        var back = sampler.SampleNow();
        Assert.IsTrue(back.Restarted);
        Assert.AreEqual(1, back.Restarts);
        Assert.AreEqual(43, back.Process?.Pid);

        var next = sampler.SampleNow();
        Assert.IsFalse(next.Restarted);
        Assert.AreEqual(1, next.Restarts);
    }

    [TestMethod]
    public async Task SampleNow_AttachedReadThrows_ReportsExitedAndDoesNotThrow()
    {
        var source = new FakeMonitorSource { Present = new ProcessLocation(42, "ChattingServer", 1, 1, null) };
        await using var sampler = new MonitorSampler(ByName, null, source);
        sampler.SampleNow();
        source.ThrowOnRead = true;
        Assert.AreEqual(MonitorSampler.Exited, sampler.SampleNow().Status);
    }

    [TestMethod]
    public async Task SampleNow_Attached_DoesNotSearchAgain()
    {
        var source = new FakeMonitorSource { Present = new ProcessLocation(42, "ChattingServer", 1, 1, null) };
        await using var sampler = new MonitorSampler(ByName, null, source);
        for (var i = 0; i < 5; i++)
            sampler.SampleNow();
        Assert.AreEqual(1, source.Locates);
    }

    [TestMethod]
    public async Task SampleNow_SystemOnly_HasNoProcessAndDoesNotSearch()
    {
        var source = new FakeMonitorSource();
        await using var sampler = new MonitorSampler(MonitorOptions.Default, null, source);
        var snapshot = sampler.SampleNow();
        Assert.AreEqual(MonitorSampler.SystemOnly, snapshot.Status);
        Assert.AreEqual(0, source.Locates);
        Assert.AreEqual(60.0, snapshot.System.MemoryPercent, 1e-9);
        Assert.AreEqual(600L, snapshot.System.MemoryUsedBytes);
    }

    [TestMethod]
    public async Task Dispose_Running_CompletesFeedAndLateSubscriberGetsLatest()
    {
        var sampler = new MonitorSampler(ByName, null, new FakeMonitorSource());
        var first = new TaskCompletionSource<MonitorSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (sampler.Snapshots.Subscribe(s => first.TrySetResult(s)))
        {
            sampler.Start();
            await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        await sampler.DisposeAsync();

        var replayed = new List<MonitorSnapshot>();
        var completed = false;
        using var late = sampler.Snapshots.Subscribe(replayed.Add, () => completed = true);
        Assert.HasCount(1, replayed);
        Assert.AreSame(sampler.Latest, replayed[0]);
        Assert.IsTrue(completed);
    }

    [TestMethod]
    public void Constructor_InvalidOptions_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new MonitorSampler(new MonitorOptions { Interval = TimeSpan.Zero }));
}
