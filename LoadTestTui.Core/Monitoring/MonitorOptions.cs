namespace LoadTestTui.Core.Monitoring;

/// <summary>What the monitor watches and how often.</summary>
public sealed record MonitorOptions
{
    public static MonitorOptions Default { get; } = new();

    public static TimeSpan MinInterval { get; } = TimeSpan.FromSeconds(0.1);

    public static TimeSpan MaxInterval { get; } = TimeSpan.FromHours(1);

    /// <summary>The process to watch; an empty target samples the system only.</summary>
    public MonitorTarget Target { get; init; } = new();

    /// <summary>Time between samples.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The port the load test connects to: connections on it are counted apart.</summary>
    public int? LoadTestPort { get; init; }

    /// <summary>True when the target names no process (system figures only).</summary>
    public bool IsSystemOnly => Target.ProcessName is null && Target.Pid is null && Target.ListenPort is null;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var given = (Target.ProcessName is null ? 0 : 1) + (Target.Pid is null ? 0 : 1) + (Target.ListenPort is null ? 0 : 1);
        if (given > 1)
            problems.Add("give only one of --process, --pid or a listening --port as the target.");
        if (Target.ProcessName is { } name && ProcessNameMatcher.Normalize(name).Length == 0)
            problems.Add("--process must name a process (got an empty name).");
        if (Target.ProcessName is { } withSlash && withSlash.IndexOfAny(['/', '\\']) >= 0)
            problems.Add($"--process takes a process name, not a path (got '{withSlash}').");
        if (Target.Pid is <= 0)
            problems.Add($"--pid must be a positive process id (got {Target.Pid}).");
        if (Target.ListenPort is { } listen && !IsPort(listen))
            problems.Add($"--port must be between 1 and 65535 (got {listen}).");
        if (Target.ListenPort is not null && !OperatingSystem.IsLinux())
            problems.Add("finding a process by its listening --port needs Linux; use --process or --pid here.");
        if (LoadTestPort is { } port && !IsPort(port))
            problems.Add($"the load-test port must be between 1 and 65535 (got {port}).");
        if (Interval < MinInterval || Interval > MaxInterval)
            problems.Add($"--interval must be between 0.1 and 3600 seconds (got {Interval.TotalSeconds:0.###}).");
        return problems;
    }

    private static bool IsPort(int port) => port is > 0 and <= 65535;
}
