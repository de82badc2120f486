namespace LoadTestTui.Core.Monitoring;

/// <summary>One sample of the machine and the monitored server process, immutable.</summary>
public sealed record MonitorSnapshot
{
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Time since the sampler started.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>What is being looked for: name, pid or port, as the user gave it.</summary>
    public required MonitorTarget Target { get; init; }

    /// <summary>"running", "sleeping", ..., or "not found" / "exited" when there is no process to read.</summary>
    public required string Status { get; init; }

    /// <summary>True on the first sample after the target (re)appeared with a new pid.</summary>
    public bool Restarted { get; init; }

    /// <summary>How many times the target has been (re)attached after the first.</summary>
    public int Restarts { get; init; }

    /// <summary>How many processes matched the target when it was last located (the oldest is watched); 0 while none does.</summary>
    public int Matches { get; init; }

    public required SystemSample System { get; init; }

    /// <summary>Null when the target is not there.</summary>
    public ProcessSample? Process { get; init; }
}

/// <summary>Whole-machine figures.</summary>
public sealed record SystemSample(
    double CpuPercent,
    long MemoryTotalBytes,
    long MemoryAvailableBytes,
    long MemoryUsedBytes,
    double MemoryPercent,
    DiskSample? Disk,
    long NetworkBytesSent,
    long NetworkBytesReceived,
    double NetworkSentPerSecond,
    double NetworkReceivedPerSecond);

public sealed record DiskSample(string Path, long TotalBytes, long UsedBytes, long FreeBytes, double Percent);

/// <summary>
/// The target process. CpuPercent is per core like psutil (100 = one full core). A null
/// figure is one this system cannot provide. Connections counts established TCP; OnPort
/// counts those whose local port is the load-test port, when one is known.
/// </summary>
public sealed record ProcessSample(
    int Pid,
    string Name,
    string Status,
    double CpuPercent,
    double MemoryPercent,
    long ResidentBytes,
    int Threads,
    int? Handles,
    int? Connections,
    int? ConnectionsOnPort);
