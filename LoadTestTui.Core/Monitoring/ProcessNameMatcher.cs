namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// Decides whether a process is the one asked for by name: case-insensitive, ".exe" optional.
/// On Linux the kernel's name (comm) is cut to 15 characters, so the file name of argv[0] counts
/// too, and for a "dotnet Server.dll" host the dll's name without ".dll".
/// </summary>
public static class ProcessNameMatcher
{
    private const int CommLength = 15;

    /// <summary>Trims the name and drops a trailing ".exe": "ChattingServer.exe" becomes "ChattingServer".</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.Trim();
        return trimmed.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? trimmed[..^4] : trimmed;
    }

    /// <summary>True when the name is one of the process's names.</summary>
    /// <param name="target">The name asked for, already <see cref="Normalize"/>d.</param>
    /// <param name="comm">The contents of /proc/[pid]/comm (or the portable process name).</param>
    /// <param name="cmdline">The NUL-separated contents of /proc/[pid]/cmdline; empty when unknown.</param>
    public static bool Matches(string target, ReadOnlySpan<char> comm, ReadOnlySpan<char> cmdline)
    {
        if (target.Length == 0)
            return false;
        comm = comm.TrimEnd('\n');
        if (SameName(target, comm))
            return true;

        var args = cmdline.TrimEnd('\0');
        if (args.IsEmpty)
            return target.Length > CommLength && comm.Length == CommLength
                && target.AsSpan(0, CommLength).Equals(comm, StringComparison.OrdinalIgnoreCase);

        var firstEnd = args.IndexOf('\0');
        var argv0 = firstEnd < 0 ? args : args[..firstEnd];
        var program = BaseName(argv0);
        if (SameName(target, program))
            return true;

        // A framework-dependent app: "dotnet [exec] [options] Server.dll [args]".
        if (firstEnd < 0 || !SameName("dotnet", program))
            return false;
        foreach (var range in args[(firstEnd + 1)..].Split('\0'))
        {
            var arg = args[(firstEnd + 1)..][range];
            if (arg.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                return target.AsSpan().Equals(BaseName(arg)[..^4], StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    /// <summary>
    /// The name to show: the dll's for a "dotnet X.dll" host, else argv[0]'s file name when comm is
    /// its cut-off start, else comm.
    /// </summary>
    public static string ProgramName(string comm, string? cmdline)
    {
        comm = comm.TrimEnd('\n');
        var args = (cmdline ?? "").AsSpan().TrimEnd('\0');
        if (args.IsEmpty)
            return comm;
        var firstEnd = args.IndexOf('\0');
        var program = BaseName(firstEnd < 0 ? args : args[..firstEnd]);
        if (firstEnd >= 0 && SameName("dotnet", program))
        {
            foreach (var range in args[(firstEnd + 1)..].Split('\0'))
            {
                var arg = args[(firstEnd + 1)..][range];
                if (arg.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    return BaseName(arg)[..^4].ToString();
            }
        }
        return program.Length > comm.Length && program.StartsWith(comm, StringComparison.Ordinal) ? program.ToString() : comm;
    }

    private static bool SameName(string target, ReadOnlySpan<char> name)
    {
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
            name = name[..^4];
        return target.AsSpan().Equals(name, StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<char> BaseName(ReadOnlySpan<char> path)
    {
        var slash = path.LastIndexOfAny('/', '\\');
        return slash < 0 ? path : path[(slash + 1)..];
    }
}
