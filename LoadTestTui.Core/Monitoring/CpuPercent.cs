namespace LoadTestTui.Core.Monitoring;

/// <summary>Pure CPU percentage math, shared by every reader.</summary>
public static class CpuPercent
{
    /// <summary>Linux reports process and system CPU time in USER_HZ ticks, 100 per second on every mainstream architecture.</summary>
    public const int ClockTicksPerSecond = 100;

    /// <summary>Process CPU over a wall-clock window: 100 = one full core (like psutil), so a busy process on 4 cores can read 400.</summary>
    public static double OfProcess(TimeSpan cpuTimeDelta, TimeSpan wallDelta)
    {
        if (wallDelta <= TimeSpan.Zero || cpuTimeDelta <= TimeSpan.Zero)
            return 0;
        return cpuTimeDelta.TotalSeconds / wallDelta.TotalSeconds * 100;
    }

    /// <summary>Whole-machine CPU from two /proc/stat readings: the busy share of all cores' time, 0 to 100.</summary>
    public static double OfSystem(SystemCpuTimes previous, SystemCpuTimes current)
    {
        var total = current.TotalTicks - previous.TotalTicks;
        var idle = current.IdleTicks - previous.IdleTicks;
        if (total <= 0)
            return 0;
        return Math.Clamp((total - idle) * 100.0 / total, 0, 100);
    }

    /// <summary>Converts USER_HZ ticks to a time span.</summary>
    public static TimeSpan FromTicks(long clockTicks) => TimeSpan.FromTicks(clockTicks * (TimeSpan.TicksPerSecond / ClockTicksPerSecond));
}
