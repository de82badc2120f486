using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Core.Verdicts;

/// <summary>The monitored server process over a span: average and maximum of each figure.</summary>
public sealed record ServerFigures(
    int Samples,
    double CpuAvg,
    double CpuMax,
    double MemoryAvgMb,
    double MemoryMaxMb,
    double ThreadsAvg,
    double ThreadsMax,
    double? ConnectionsAvg,
    double? ConnectionsMax)
{
    /// <summary>Figures of the samples taken from <paramref name="from"/> to <paramref name="to"/> in which the process was there; null when none was.</summary>
    public static ServerFigures? Of(IEnumerable<MonitorSnapshot> samples, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var processes = samples.Where(s => s.Timestamp >= from && s.Timestamp <= to && s.Process is not null).Select(s => s.Process!).ToList();
        if (processes.Count == 0)
            return null;
        const double Mb = 1024 * 1024;
        var connections = processes.Select(p => p.ConnectionsOnPort ?? p.Connections).OfType<int>().ToList();
        return new ServerFigures(
            processes.Count,
            processes.Average(p => p.CpuPercent),
            processes.Max(p => p.CpuPercent),
            processes.Average(p => p.ResidentBytes / Mb),
            processes.Max(p => p.ResidentBytes / Mb),
            processes.Average(p => (double)p.Threads),
            processes.Max(p => p.Threads),
            connections.Count > 0 ? connections.Average() : null,
            connections.Count > 0 ? connections.Max() : null);
    }
}
