using System.Text.Json;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>A results file read into the typed <see cref="RunReport"/> records it was written from (for JUnit and Markdown).</summary>
public static class RunReportReader
{
    /// <summary>Reads <paramref name="path"/>; on failure returns null and a one-line reason.</summary>
    public static RunReport? Load(string path, out string? error)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var report = JsonSerializer.Deserialize(stream, RunReportJsonContext.Default.RunReport);
            error = report is null ? $"'{path}' holds no results (null)" : null;
            return report;
        }
        catch (JsonException ex)
        {
            // The first sentence names the field (a missing required one, or where the JSON broke).
            error = $"'{path}' is not a results file this version reads: {ex.Message.Split(". ")[0]}";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read '{path}': {ex.Message}";
            return null;
        }
    }
}
