namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// The Linux source: reads /proc directly, with no child processes. Once attached, a sample reads
/// /proc/stat, /proc/meminfo, /proc/net/dev, and the target's stat and fd folder; its TCP
/// connections come from NETLINK_SOCK_DIAG when it shares our network namespace, else from
/// its /proc/[pid]/net/tcp{,6}.
/// </summary>
internal sealed class ProcProcessReader(string procRoot = "/proc", bool useSockDiag = true) : IMonitorSource, IDisposable
{
    private readonly ProcessLocator _locator = new(procRoot);
    private readonly HashSet<long> _socketInodes = [];
    private readonly SockDiagReader _sockDiag = new();
    private readonly string? _ownNetNamespace = ProcFiles.TryReadLink($"{procRoot}/self/ns/net");

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
        if (useSockDiag
            && _ownNetNamespace is not null
            && _ownNetNamespace == ProcFiles.TryReadLink($"{pidRoot}/ns/net")
            && _sockDiag.TryCountEstablished(_socketInodes, port, out var established, out var onPort))
            return (established, onPort);
        // The process's own view: it may live in another network namespace than ours.
        var v4 = ProcNetTcpParser.CountEstablished(ProcFiles.TryRead($"{pidRoot}/net/tcp"), _socketInodes, port);
        var v6 = ProcNetTcpParser.CountEstablished(ProcFiles.TryRead($"{pidRoot}/net/tcp6"), _socketInodes, port);
        return (v4.Established + v6.Established, v4.OnPort + v6.OnPort);
    }

    public void Dispose() => _sockDiag.Dispose();
}
