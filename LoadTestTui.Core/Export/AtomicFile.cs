namespace LoadTestTui.Core.Export;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one: the content
/// goes to a temporary file beside the target, is flushed to disk, then renamed over it.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes the file; on failure returns a one-line reason and leaves nothing behind.</summary>
    public static async Task<ExportResult> WriteAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ExportResult.Failed(path, $"'{path}' is not a valid path");
        }
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await write(stream).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            return ExportResult.Written(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            return ExportResult.Failed(full, ex switch
            {
                UnauthorizedAccessException => $"cannot write '{full}': permission denied",
                DirectoryNotFoundException => $"cannot write '{full}': the folder does not exist",
                _ => $"cannot write '{full}': {ex.Message}",
            });
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target file was never touched.
        }
    }
}
