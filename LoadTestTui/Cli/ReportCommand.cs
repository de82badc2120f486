using System.CommandLine;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Cli;

/// <summary>
/// <c>loadtest report results.json -o report.html</c>: a run's HTML report, from its results file alone;
/// <c>--junit</c> / <c>--markdown</c> write its thresholds as JUnit XML and its summary as Markdown instead (or as well, with <c>-o</c>).
/// </summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("results") { Description = "A run's results JSON (from run --output, the dashboard's export, ...)." };
        var output = new Option<string?>("--output", "-o") { Description = "HTML file to write (default: the results file's name with .html; not written when only --junit or --markdown is given)." };
        var junit = new Option<string?>("--junit") { Description = "Write the thresholds (and a capacity verdict) as JUnit XML here." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the summary as Markdown here (links to the HTML report when -o is given)." };
        var command = new Command("report", "Write a self-contained HTML report (charts and tables) of a run's results JSON, or its JUnit XML and Markdown summary.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(junit);
        command.Options.Add(markdown);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            var ci = new CiPaths(parse.GetValue(junit), parse.GetValue(markdown));
            var html = parse.GetValue(output) ?? (ci is { Junit: null, Markdown: null } ? Path.ChangeExtension(path, ".html") : null);
            if (RunDocument.Load(path, out var error) is null)
                return Cli.Usage([error!]);
            var ok = true;
            if (html is not null)
            {
                var result = await RunReportFile.WriteAsync(path, html, ct).ConfigureAwait(false);
                if (result.Success)
                    Console.WriteLine($"Report written to {result.Path}");
                else
                    await Console.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
                ok = result.Success;
            }
            if (ci is not { Junit: null, Markdown: null })
            {
                if (RunDocument.Load(path, out var readError) is not { } document)
                    return Cli.Usage([readError!]);
                ok &= await CiOutputs.WriteAsync(document.Report, ci.Junit, ci.Markdown, ok ? html : null, ct).ConfigureAwait(false);
            }
            return ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
