namespace LoadTestTui.Core.Monitoring;

/// <summary>Small helpers to read /proc files that may vanish at any moment.</summary>
internal static class ProcFiles
{
    /// <summary>The file's text, or null when it cannot be read (the process is gone, or access is denied).</summary>
    public static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The target of a symbolic link such as /proc/[pid]/fd/3, or null.</summary>
    public static string? TryReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Pids of all processes, in ascending order of their directory listing.</summary>
    public static IEnumerable<int> Pids(string procRoot)
    {
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(procRoot).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var entry in entries)
        {
            if (int.TryParse(Path.GetFileName(entry.AsSpan()), out var pid))
                yield return pid;
        }
    }

    /// <summary>Names of a process's file descriptors' link targets, or null when the fd folder cannot be listed.</summary>
    public static List<string>? TryListFdLinks(string fdDirectory)
    {
        try
        {
            var links = new List<string>();
            foreach (var fd in new DirectoryInfo(fdDirectory).EnumerateFileSystemInfos())
            {
                string? target;
                try
                {
                    target = fd.LinkTarget;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                if (target is not null)
                    links.Add(target);
            }
            return links;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
