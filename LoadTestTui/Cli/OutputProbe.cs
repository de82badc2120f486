namespace LoadTestTui.Cli;

/// <summary>Checks up front that an output folder can be written, so a typo fails in a second, not after an hour's run.</summary>
internal static class OutputProbe
{
    /// <summary>Null when <paramref name="directory"/> exists (or can be created) and is writable; else the reason.</summary>
    public static string? Check(string? directory)
    {
        directory = string.IsNullOrEmpty(directory) ? "." : directory;
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".loadtest-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"cannot write to '{directory}': permission denied";
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or NotSupportedException)
        {
            return $"cannot write to '{directory}': {ex.Message}";
        }
    }
}
