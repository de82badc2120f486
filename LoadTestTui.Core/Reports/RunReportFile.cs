using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>A results file in, its HTML report out: what <c>report</c>, <c>run --html</c> and every export use.</summary>
public static class RunReportFile
{
    /// <summary>Reads <paramref name="jsonPath"/> (only the file: the report never sees live objects) and writes the report atomically.</summary>
    public static async Task<ExportResult> WriteAsync(string jsonPath, string htmlPath, CancellationToken cancellationToken = default)
    {
        var doc = RunDocument.Load(jsonPath, out var error);
        if (doc is null)
            return ExportResult.Failed(htmlPath, error!);
        return await HtmlReportWriter.WriteAsync(htmlPath, RunReportModel.Build(doc), cancellationToken).ConfigureAwait(false);
    }
}
