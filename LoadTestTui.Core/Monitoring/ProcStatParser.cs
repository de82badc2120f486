namespace LoadTestTui.Core.Monitoring;

/// <summary>Cumulative time of all cores since boot, in USER_HZ ticks. Idle includes iowait.</summary>
public readonly record struct SystemCpuTimes(long TotalTicks, long IdleTicks);

/// <summary>Parses the aggregate "cpu" line of /proc/stat.</summary>
public static class ProcStatParser
{
    /// <summary>
    /// Reads "cpu  user nice system idle iowait irq softirq steal guest guest_nice". Guest time is
    /// already inside user and nice, so the total is the first eight columns.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SystemCpuTimes times)
    {
        times = default;
        foreach (var line in text.EnumerateLines())
        {
            if (!line.StartsWith("cpu ", StringComparison.Ordinal))
                continue;
            Span<long> values = stackalloc long[8];
            var count = 0;
            foreach (var range in line[4..].Split(' '))
            {
                var field = line[4..][range];
                if (field.IsEmpty)
                    continue;
                if (!long.TryParse(field, out var value))
                    return false;
                values[count++] = value;
                if (count == values.Length)
                    break;
            }
            if (count < 4)
                return false;
            long total = 0;
            for (var i = 0; i < count; i++)
                total += values[i];
            var idle = values[3] + (count > 4 ? values[4] : 0);
            times = new SystemCpuTimes(total, idle);
            return true;
        }
        return false;
    }
}
