namespace LoadTestTui.Core.Monitoring;

/// <summary>The fields of /proc/[pid]/stat the monitor uses. Times are USER_HZ ticks; StartTime is ticks after boot.</summary>
public readonly record struct ProcPidStat(
    int Pid,
    string Comm,
    char State,
    long UserTicks,
    long SystemTicks,
    int Threads,
    long StartTime,
    long ResidentPages)
{
    /// <summary>Parses "pid (comm) state ppid ...". The name may hold spaces and parentheses, so it ends at the last ')'.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ProcPidStat stat)
    {
        stat = default;
        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        if (open <= 0 || close < open || !int.TryParse(text[..open].Trim(), out var pid))
            return false;
        var comm = text[(open + 1)..close].ToString();
        var rest = text[(close + 1)..].Trim();

        // rest[0] is field 3 (state); field n is rest[n - 3].
        Span<Range> ranges = stackalloc Range[24];
        var count = rest.Split(ranges, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 22 || rest[ranges[0]].Length != 1)
            return false;
        if (!long.TryParse(rest[ranges[11]], out var utime)
            || !long.TryParse(rest[ranges[12]], out var stime)
            || !int.TryParse(rest[ranges[17]], out var threads)
            || !long.TryParse(rest[ranges[19]], out var start)
            || !long.TryParse(rest[ranges[21]], out var rss))
            return false;
        stat = new ProcPidStat(pid, comm, rest[ranges[0]][0], utime, stime, threads, start, rss);
        return true;
    }

    public TimeSpan CpuTime => CpuPercent.FromTicks(UserTicks + SystemTicks);

    /// <summary>A zombie or dead process has exited; only its parent has not reaped it yet.</summary>
    public bool IsGone => State is 'Z' or 'X' or 'x';

    /// <summary>The state letter in psutil's words.</summary>
    public string StatusName => StatusOf(State);

    public static string StatusOf(char state) => state switch
    {
        'R' => "running",
        'S' => "sleeping",
        'D' => "disk-sleep",
        'T' => "stopped",
        't' => "tracing-stop",
        'Z' => "zombie",
        'X' or 'x' => "dead",
        'I' => "idle",
        'W' => "waking",
        'P' => "parked",
        _ => "unknown",
    };
}
