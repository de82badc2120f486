namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// Finds the target process in /proc by pid, by name, or as the listener of a TCP port. This walks
/// every process, so the sampler calls it only while it is not attached.
/// </summary>
internal sealed class ProcessLocator(string procRoot = "/proc")
{
    private readonly int _self = Environment.ProcessId;

    public ProcessLocation? Locate(MonitorTarget target)
    {
        if (target.Pid is { } pid)
            return Describe(pid, 1);
        if (target.ProcessName is { } name)
            return ByName(ProcessNameMatcher.Normalize(name));
        if (target.ListenPort is { } port)
            return ByPort(port);
        return null;
    }

    private ProcessLocation? ByName(string name)
    {
        ProcPidStat? best = null;
        var matches = 0;
        foreach (var pid in ProcFiles.Pids(procRoot))
        {
            if (pid == _self)
                continue;
            var comm = ProcFiles.TryRead($"{procRoot}/{pid}/comm");
            if (comm is null)
                continue;
            var cmdline = ProcFiles.TryRead($"{procRoot}/{pid}/cmdline") ?? "";
            if (!ProcessNameMatcher.Matches(name, comm, cmdline))
                continue;
            if (ReadStat(pid) is not { IsGone: false } stat)
                continue;
            matches++;
            if (best is not { } b || stat.StartTime < b.StartTime || (stat.StartTime == b.StartTime && stat.Pid < b.Pid))
                best = stat;
        }
        return best is { } found ? Describe(found, matches) : null;
    }

    private ProcessLocation? ByPort(int port)
    {
        var inode = ProcNetTcpParser.FindListeningInode(ProcFiles.TryRead($"{procRoot}/net/tcp") ?? "", port);
        if (inode == 0)
            inode = ProcNetTcpParser.FindListeningInode(ProcFiles.TryRead($"{procRoot}/net/tcp6") ?? "", port);
        if (inode == 0)
            return null;
        var wanted = $"socket:[{inode}]";
        foreach (var pid in ProcFiles.Pids(procRoot))
        {
            var links = ProcFiles.TryListFdLinks($"{procRoot}/{pid}/fd");
            if (links is not null && links.Contains(wanted))
                return Describe(pid, 1);
        }
        return null;
    }

    private ProcessLocation? Describe(int pid, int matches) =>
        ReadStat(pid) is { IsGone: false } stat ? Describe(stat, matches) : null;

    private ProcessLocation Describe(ProcPidStat stat, int matches)
    {
        var exe = ProcFiles.TryReadLink($"{procRoot}/{stat.Pid}/exe");
        var cwd = ProcFiles.TryReadLink($"{procRoot}/{stat.Pid}/cwd");
        var diskPath = exe is not null && exe.StartsWith('/') ? Path.GetDirectoryName(exe) : cwd;
        return new ProcessLocation(stat.Pid, DisplayName(stat), stat.StartTime, matches, diskPath);
    }

    private string DisplayName(ProcPidStat stat) =>
        ProcessNameMatcher.ProgramName(stat.Comm, ProcFiles.TryRead($"{procRoot}/{stat.Pid}/cmdline"));

    private ProcPidStat? ReadStat(int pid) =>
        ProcFiles.TryRead($"{procRoot}/{pid}/stat") is { } text && ProcPidStat.TryParse(text, out var stat) ? stat : null;
}
