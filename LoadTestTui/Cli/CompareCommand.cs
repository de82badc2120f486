using System.CommandLine;
using LoadTestTui.Core.Reports;
using LoadTestTui.Core.Text;

namespace LoadTestTui.Cli;

/// <summary><c>loadtest compare BASE.json NEW.json</c>: better, worse or the same, figure by figure.</summary>
internal static class CompareCommand
{
    public static Command Build()
    {
        var baseFile = new Argument<string>("base") { Description = "The reference run's results JSON." };
        var newFile = new Argument<string>("new") { Description = "The run to judge against it." };
        var tolerance = new Option<double?>("--tolerance") { Description = "Call a change within ±PERCENT 'same' for every figure, instead of the measured noise." };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit with 3 when any figure got worse (for CI)." };
        var html = new Option<string?>("--html") { Description = "Also write a comparison report (both runs on the same charts) to this HTML file." };
        var force = new Option<bool>("--force") { Description = "Compare runs whose workloads differ (bots or plan, intervals, duration, protocol); the differences are printed as warnings. Runs against different targets compare without it." };
        var command = new Command("compare", "Compare two runs' results: each figure's values, change and verdict (better / worse / same within noise).");
        command.Arguments.Add(baseFile);
        command.Arguments.Add(newFile);
        command.Options.Add(tolerance);
        command.Options.Add(failOnRegression);
        command.Options.Add(html);
        command.Options.Add(force);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(tolerance) is { } t && (t < 0 || t > 1000 || double.IsNaN(t)))
                return Cli.Usage(["--tolerance must be a percentage between 0 and 1000."]);
            var a = RunDocument.Load(parse.GetValue(baseFile)!, out var errorA);
            if (a is null)
                return Cli.Usage([errorA!]);
            var b = RunDocument.Load(parse.GetValue(newFile)!, out var errorB);
            if (b is null)
                return Cli.Usage([errorB!]);
            if (!parse.GetValue(force) && Workload.Differences(a, b) is { Count: > 0 } differences)
            {
                // Each difference on its own line; values come from the files, so they are sanitized.
                await Console.Error.WriteLineAsync(TerminalText.Sanitize($"error: {a.Name} and {b.Name} ran different workloads (use --force to compare them anyway):")).ConfigureAwait(false);
                foreach (var difference in differences)
                    await Console.Error.WriteLineAsync(TerminalText.Sanitize($"  {difference}")).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var comparison = RunComparison.Compare(a, b, parse.GetValue(tolerance));
            ComparisonPrinter.Print(Console.Out, comparison);
            if (parse.GetValue(html) is { } path)
            {
                var result = await HtmlReportWriter.WriteAsync(path, ComparisonReportModel.Build(comparison), ct).ConfigureAwait(false);
                if (!result.Success)
                {
                    await Console.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }
                Console.WriteLine($"Comparison report written to {result.Path}");
            }
            return parse.GetValue(failOnRegression) && comparison.Regressed ? ExitCodes.Regression : ExitCodes.Ok;
        });
        return command;
    }
}
