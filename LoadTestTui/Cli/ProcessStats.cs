using System.Diagnostics;

namespace LoadTestTui.Cli;

/// <summary>This process's own CPU time and resident memory, for the benchmark's figures.</summary>
internal static class ProcessStats
{
    public static TimeSpan CpuTime
    {
        get
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime;
        }
    }

    public static long ResidentBytes
    {
        get
        {
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            return self.WorkingSet64;
        }
    }

    /// <summary>
    /// Managed heap after a full, compacting collection that also returns free memory to the OS
    /// (aggressive mode), so both the managed and the resident figure show what the bots keep alive.
    /// </summary>
    public static long SettledManagedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
