namespace LoadTestTui.Core.Monitoring;

/// <summary>Total and available physical memory, in bytes.</summary>
public readonly record struct MemoryInfo(long TotalBytes, long AvailableBytes);

/// <summary>Parses /proc/meminfo ("MemTotal:  16384000 kB").</summary>
public static class ProcMeminfoParser
{
    /// <summary>
    /// Uses MemAvailable; kernels before 3.14 lack it, and then free + buffers + cached stands in.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MemoryInfo memory)
    {
        memory = default;
        long total = -1, available = -1, free = 0, buffers = 0, cached = 0;
        foreach (var line in text.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
                continue;
            var key = line[..colon];
            var value = line[(colon + 1)..].Trim();
            if (value.EndsWith(" kB", StringComparison.Ordinal))
                value = value[..^3].TrimEnd();
            if (!long.TryParse(value, out var kb))
                continue;
            var bytes = kb * 1024;
            switch (key)
            {
                case "MemTotal": total = bytes; break;
                case "MemAvailable": available = bytes; break;
                case "MemFree": free = bytes; break;
                case "Buffers": buffers = bytes; break;
                case "Cached": cached = bytes; break;
            }
        }
        if (total <= 0)
            return false;
        memory = new MemoryInfo(total, available >= 0 ? available : Math.Min(total, free + buffers + cached));
        return true;
    }
}
