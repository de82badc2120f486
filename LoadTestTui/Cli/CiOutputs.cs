using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Cli;

/// <summary><c>--junit</c> and <c>--summary-md</c> (<c>report</c>: <c>--markdown</c>): the results record as JUnit XML and as a Markdown summary, for CI.</summary>
internal static class CiOutputs
{
    /// <param name="html">The HTML report written beside (the Markdown links to it), or null.</param>
    public static async Task<bool> WriteAsync(RunReport report, string? junit, string? markdown, string? html, CancellationToken cancellationToken = default)
    {
        var ok = true;
        if (junit is not null)
            ok &= await ReportAsync(await JunitWriter.WriteAsync(junit, report, cancellationToken).ConfigureAwait(false), "JUnit XML").ConfigureAwait(false);
        if (markdown is not null)
        {
            var link = html is null ? null : MarkdownSummaryWriter.RelativeLink(markdown, html);
            ok &= await ReportAsync(await MarkdownSummaryWriter.WriteAsync(markdown, report, link, cancellationToken).ConfigureAwait(false), "Markdown summary").ConfigureAwait(false);
        }
        return ok;
    }

    /// <summary>The up-front check of each path's folder, as for --output: a typo fails at once, not after the run.</summary>
    public static void Validate(string? junit, string? markdown, string markdownOption, List<string> problems)
    {
        if (junit is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(junit))) is { } junitProblem)
            problems.Add($"--junit: {junitProblem}");
        if (markdown is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(markdown))) is { } markdownProblem)
            problems.Add($"{markdownOption}: {markdownProblem}");
    }

    private static async Task<bool> ReportAsync(ExportResult result, string what)
    {
        if (result.Success)
        {
            Console.WriteLine($"{what} written to {result.Path}");
            return true;
        }
        await Console.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
        return false;
    }
}
