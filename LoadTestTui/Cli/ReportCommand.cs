using System.CommandLine;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Cli;

/// <summary><c>loadtest report results.json -o report.html</c>: a run's HTML report, from its results file alone.</summary>
internal static class ReportCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("results") { Description = "A run's results JSON (from run --output, the dashboard's export, ...)." };
        var output = new Option<string?>("--output", "-o") { Description = "HTML file to write (default: the results file's name with .html)." };
        var command = new Command("report", "Write a self-contained HTML report (charts and tables) of a run's results JSON.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(input)!;
            if (RunDocument.Load(path, out var error) is null)
                return Cli.Usage([error!]);
            var target = parse.GetValue(output) ?? Path.ChangeExtension(path, ".html");
            var result = await RunReportFile.WriteAsync(path, target, ct).ConfigureAwait(false);
            if (!result.Success)
            {
                await Console.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            Console.WriteLine($"Report written to {result.Path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
