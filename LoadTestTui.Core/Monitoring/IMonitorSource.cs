namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// Where the sampler gets raw, cumulative figures: /proc on Linux, System.Diagnostics elsewhere.
/// The sampler turns two readings into rates. No method throws for a process that vanished.
/// </summary>
internal interface IMonitorSource
{
    /// <summary>Whole-machine counters; CPU is null where the system cannot provide it.</summary>
    SystemCounters ReadSystem();

    /// <summary>Finds the target; null while nothing matches. Never called for a system-only target.</summary>
    ProcessLocation? Locate(MonitorTarget target);

    /// <summary>Reads the attached process; null once it has exited (or its pid now belongs to another process).</summary>
    ProcessCounters? ReadProcess(ProcessLocation process, int? loadTestPort);
}

/// <summary>Whole-machine figures as read, before rates are computed.</summary>
internal readonly record struct SystemCounters(SystemCpuTimes? Cpu, MemoryInfo Memory, NetworkTotals Network);

/// <summary>
/// A located process. StartTime tells a restarted process from the old one if its pid is reused;
/// Matches is how many processes fitted the name (the oldest wins).
/// </summary>
internal sealed record ProcessLocation(int Pid, string Name, long StartTime, int Matches, string? DiskPath);

/// <summary>The attached process's figures as read; CpuTime is cumulative.</summary>
internal readonly record struct ProcessCounters(
    string Status,
    TimeSpan CpuTime,
    long ResidentBytes,
    int Threads,
    int? Handles,
    int? Connections,
    int? ConnectionsOnPort);
