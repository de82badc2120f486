using LoadTestTui.Core.Export;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Tests.Support;

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
        // Samples on both sides of the run, past the one interval of slack the window allows.
        await Eventually.TrueAsync(() => recorder.Samples.Count >= 4, "samples before the run");
        var start = DateTimeOffset.Now;
        await Eventually.TrueAsync(() => recorder.Samples.Count(s => s.Timestamp >= start) >= 4, "samples in the run");
        var end = DateTimeOffset.Now;
        await Eventually.TrueAsync(() => recorder.Samples.Any(s => s.Timestamp > end + interval * 2), "samples after the run");

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
