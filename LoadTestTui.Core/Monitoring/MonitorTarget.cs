namespace LoadTestTui.Core.Monitoring;

/// <summary>Which process to watch: by name (case-insensitive, ".exe" optional), by pid, or whoever listens on a TCP port.</summary>
public sealed record MonitorTarget(string? ProcessName = null, int? Pid = null, int? ListenPort = null)
{
    public override string ToString() =>
        ProcessName is not null ? $"process {ProcessName}" : Pid is { } pid ? $"pid {pid}" : ListenPort is { } port ? $"port {port}" : "system only";
}
