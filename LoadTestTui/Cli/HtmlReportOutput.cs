using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Cli;

/// <summary>
/// <c>--html FILE</c> of <c>run</c> and <c>capacity</c>: the report is made from the results file,
/// as <c>loadtest report</c> would; without <c>--output</c>, from a temporary one.
/// </summary>
internal static class HtmlReportOutput
{
    public static async Task<bool> WriteAsync(string html, string? json, EngineSnapshot final, RunArtifacts artifacts)
    {
        var temporary = json is null ? Path.Combine(Path.GetTempPath(), $"loadtest-{Guid.NewGuid():N}.json") : null;
        try
        {
            var source = temporary is null ? null : await artifacts.WriteJsonAsync(temporary, final).ConfigureAwait(false);
            var result = source is { Success: false } ? source : await RunReportFile.WriteAsync(json ?? temporary!, html).ConfigureAwait(false);
            if (result.Success)
            {
                Console.WriteLine($"Report written to {result.Path}");
                return true;
            }
            await Console.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
            return false;
        }
        finally
        {
            if (temporary is not null)
                File.Delete(temporary);
        }
    }
}
