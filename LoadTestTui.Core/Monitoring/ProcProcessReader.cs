namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// The Linux source: reads /proc directly, with no child processes. Once attached, a sample reads
/// /proc/stat, /proc/meminfo, /proc/net/dev, and the target's stat, fd folder and net/tcp{,6}.
/// </summary>
internal sealed class ProcProcessReader(string procRoot = "/proc") : IMonitorSource
{
    private readonly ProcessLocator _locator = new(procRoot);
    private readonly HashSet<long> _socketInodes = [];

    public SystemCounters ReadSystem()
    {
        SystemCpuTimes? cpu = ProcStatParser.TryParse(ProcFiles.TryRead($"{procRoot}/stat"), out var times) ? times : null;
        ProcMeminfoParser.TryParse(ProcFiles.TryRead($"{procRoot}/meminfo"), out var memory);
        ProcNetDevParser.TryParse(ProcFiles.TryRead($"{procRoot}/net/dev"), out var network);
        return new SystemCounters(cpu, memory, network);
    }

    public ProcessLocation? Locate(MonitorTarget target) => _locator.Locate(target);

    public ProcessCounters? ReadProcess(ProcessLocation process, int? loadTestPort)
    {
        var pidRoot = $"{procRoot}/{process.Pid}";
        if (ProcFiles.TryRead($"{pidRoot}/stat") is not { } text
            || !ProcPidStat.TryParse(text, out var stat)
            || stat.IsGone
            || stat.StartTime != process.StartTime)
            return null;

        int? handles = null, connections = null, onPort = null;
        var links = ProcFiles.TryListFdLinks($"{pidRoot}/fd");
        if (links is not null)
        {
            handles = links.Count;
            _socketInodes.Clear();
            foreach (var link in links)
            {
                if (ProcNetTcpParser.TryParseSocketLink(link, out var inode))
                    _socketInodes.Add(inode);
            }
            (connections, onPort) = CountConnections(pidRoot, loadTestPort);
        }
        return new ProcessCounters(
            stat.StatusName,
            stat.CpuTime,
            stat.ResidentPages * Environment.SystemPageSize,
            stat.Threads,
            handles,
            connections,
            loadTestPort is null ? null : onPort);
    }

    private (int Established, int OnPort) CountConnections(string pidRoot, int? port)
    {
        if (_socketInodes.Count == 0)
            return (0, 0);
        // The process's own view: it may live in another network namespace than ours.
        var v4 = ProcNetTcpParser.CountEstablished(ProcFiles.TryRead($"{pidRoot}/net/tcp"), _socketInodes, port);
        var v6 = ProcNetTcpParser.CountEstablished(ProcFiles.TryRead($"{pidRoot}/net/tcp6"), _socketInodes, port);
        return (v4.Established + v6.Established, v4.OnPort + v6.OnPort);
    }
}
