using System.ComponentModel;
using System.Diagnostics;
using System.Net.NetworkInformation;

namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// The source for systems without /proc (Windows, macOS): System.Diagnostics.Process,
/// IPGlobalProperties and NetworkInterface. System CPU and available memory are not provided,
/// connections are counted only on the load-test port, and a port target cannot be located.
/// </summary>
internal sealed class PortableProcessReader : IMonitorSource
{
    private readonly int _self = Environment.ProcessId;

    public SystemCounters ReadSystem()
    {
        long sent = 0, received = 0;
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                var stats = nic.GetIPStatistics();
                sent += stats.BytesSent;
                received += stats.BytesReceived;
            }
        }
        catch (Exception ex) when (ex is NetworkInformationException or PlatformNotSupportedException)
        {
            // Leave the totals at what was summed.
        }
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return new SystemCounters(null, new MemoryInfo(total, 0), new NetworkTotals(sent, received));
    }

    public ProcessLocation? Locate(MonitorTarget target)
    {
        if (target.Pid is { } pid)
        {
            using var process = TryGet(pid);
            return process is null ? null : Describe(process, 1);
        }
        if (target.ProcessName is not { } wanted)
            return null;

        var name = ProcessNameMatcher.Normalize(wanted);
        var all = Process.GetProcesses();
        try
        {
            var matching = all.Where(p => p.Id != _self && ProcessNameMatcher.Matches(name, p.ProcessName, "")).ToList();
            var oldest = matching.OrderBy(StartTicks).ThenBy(p => p.Id).FirstOrDefault();
            return oldest is null ? null : Describe(oldest, matching.Count);
        }
        finally
        {
            foreach (var process in all)
                process.Dispose();
        }
    }

    public ProcessCounters? ReadProcess(ProcessLocation location, int? loadTestPort)
    {
        using var process = TryGet(location.Pid);
        if (process is null || StartTicks(process) != location.StartTime)
            return null;
        try
        {
            var status = process.HasExited ? null : "running";
            if (status is null)
                return null;
            int? onPort = loadTestPort is { } port ? CountEstablishedOnPort(port) : null;
            return new ProcessCounters(status, process.TotalProcessorTime, process.WorkingSet64, process.Threads.Count, process.HandleCount, null, onPort);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    private static int CountEstablishedOnPort(int port)
    {
        try
        {
            return IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
                .Count(c => c.State == TcpState.Established && c.LocalEndPoint.Port == port);
        }
        catch (Exception ex) when (ex is NetworkInformationException or PlatformNotSupportedException)
        {
            return 0;
        }
    }

    private static ProcessLocation Describe(Process process, int matches)
    {
        string? path = null;
        try
        {
            path = Path.GetDirectoryName(process.MainModule?.FileName);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or NotSupportedException)
        {
            // Another user's process: fall back to the system volume.
        }
        return new ProcessLocation(process.Id, process.ProcessName, StartTicks(process), matches, path);
    }

    private static Process? TryGet(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static long StartTicks(Process process)
    {
        try
        {
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return 0;
        }
    }
}
