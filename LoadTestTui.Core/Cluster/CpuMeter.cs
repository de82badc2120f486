using System.Diagnostics;

namespace LoadTestTui.Core.Cluster;

/// <summary>This process's CPU use between two readings, in percent of one core. Thread-safe.</summary>
internal sealed class CpuMeter
{
    private readonly Lock _gate = new();
    private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _ticks = Stopwatch.GetTimestamp();

    public double Read()
    {
        lock (_gate)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var ticks = Stopwatch.GetTimestamp();
            var wall = Stopwatch.GetElapsedTime(_ticks, ticks);
            var used = cpu - _cpu;
            (_cpu, _ticks) = (cpu, ticks);
            return wall <= TimeSpan.Zero ? 0 : Math.Round(100 * used / wall, 1);
        }
    }
}
