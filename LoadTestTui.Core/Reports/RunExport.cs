using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>A whole export: the JSON, its CSVs and the HTML report made from that JSON file. Here, not in Export, so Export never depends on Reports.</summary>
public static class RunExport
{
    /// <summary>The dashboard's export: the JSON at <paramref name="jsonPath"/>, and its CSVs and HTML report beside it, named after it.</summary>
    public static async Task<IReadOnlyList<ExportResult>> WriteBesideAsync(this RunArtifacts artifacts, string jsonPath, EngineSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var json = await artifacts.WriteJsonAsync(jsonPath, snapshot, cancellationToken).ConfigureAwait(false);
        if (!json.Success)
            return [json];
        var directory = Path.GetDirectoryName(json.Path) ?? ".";
        var stem = Path.GetFileNameWithoutExtension(json.Path);
        var html = await RunReportFile.WriteAsync(json.Path, Path.Combine(directory, $"{stem}.html"), cancellationToken).ConfigureAwait(false);
        return [json, .. await artifacts.WriteCsvAsync(directory, snapshot, $"{stem}_", cancellationToken).ConfigureAwait(false), html];
    }
}
