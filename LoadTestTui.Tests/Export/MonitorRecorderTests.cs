using LoadTestTui.Core.Export;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Export;

[TestClass]
public sealed class MonitorRecorderTests
{
    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task Document_WithRunWindow_KeepsOnlySamplesWithinIt_TimedFromRunStart()
    {
        var interval = TimeSpan.FromMilliseconds(100);
        await using var sampler = new MonitorSampler(new MonitorOptions { Interval = interval });
        using var recorder = new MonitorRecorder(sampler);
        sampler.Start();
        await Task.Delay(600);
        var start = DateTimeOffset.Now;
        await Task.Delay(600);
        var end = DateTimeOffset.Now;
        await Task.Delay(600);

        var all = recorder.Document();
        var run = recorder.Document(start, end);
        Assert.IsGreaterThan(run.Samples.Count, all.Samples.Count);
        Assert.IsGreaterThanOrEqualTo(3, run.Samples.Count);
        foreach (var sample in run.Samples)
        {
            Assert.IsGreaterThanOrEqualTo(-interval.TotalSeconds - 0.01, sample.Elapsed, "timed from the run's start");
            Assert.IsLessThanOrEqualTo((end - start + interval).TotalSeconds + 0.01, sample.Elapsed);
        }
    }
}
