using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

/// <summary>A scripted source: tests set what Locate and ReadProcess return next.</summary>
internal sealed class FakeMonitorSource : IMonitorSource
{
    public ProcessLocation? Present { get; set; }

    public bool ThrowOnRead { get; set; }

    public int Locates { get; private set; }

    public SystemCounters ReadSystem() =>
        new(new SystemCpuTimes(1000, 500), new MemoryInfo(1000, 400), new NetworkTotals(10, 20));

    public ProcessLocation? Locate(MonitorTarget target)
    {
        Locates++;
        return Present;
    }

    public ProcessCounters? ReadProcess(ProcessLocation process, int? loadTestPort)
    {
        if (ThrowOnRead)
            throw new IOException("No such process");
        return Present == process ? new ProcessCounters("sleeping", TimeSpan.FromSeconds(1), 100, 3, 10, 2, loadTestPort is null ? null : 1) : null;
    }
}
