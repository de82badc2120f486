using System.CommandLine;
using System.Globalization;
using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Plans;
using LoadTestTui.Dashboard;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Cli;

/// <summary>
/// <c>loadtest capacity</c>: finds the largest number of bots the server holds while the SLO
/// holds, and reports the answer and every step (terminal, JSON, CSV).
/// </summary>
internal static class CapacityCommand
{
    public static Command Build()
    {
        var options = new CapacityCommandOptions();
        var command = new Command("capacity", "Find the most bots the server holds within an SLO: steps up, then narrows between the last good and the first bad count.");
        options.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var problems = new List<string>();
            var bound = options.Run.Bind(parse, problems);
            var search = options.Bind(parse, bound, problems);
            var output = parse.GetValue(options.Output);
            var csv = parse.GetValue(options.Csv);
            var html = parse.GetValue(options.Html);
            if (output is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(output))) is { } outputProblem)
                problems.Add($"--output: {outputProblem}");
            if (csv is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(csv))) is { } csvProblem)
                problems.Add($"--csv: {csvProblem}");
            if (html is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(html))) is { } htmlProblem)
                problems.Add($"--html: {htmlProblem}");
            var ci = new CiPaths(parse.GetValue(options.Junit), parse.GetValue(options.SummaryMarkdown));
            CiOutputs.Validate(ci.Junit, ci.Markdown, "--summary-md", problems);
            var cluster = options.Cluster.Bind(parse, problems, DashboardCommandOptions.ClusterRowLimit);
            if (bound is null || search is null || problems.Count > 0)
                return Task.FromResult(Cli.Usage(problems));
            var session = new CapacitySession(bound, search, output, csv, html, parse.GetValue(options.Log) ?? "", cluster) { Ci = ci };
            return parse.GetValue(options.Dashboard) ? session.DashboardAsync(ct) : session.HeadlessAsync(ct);
        });
        return command;
    }
}

/// <summary>One capacity search, headless or on the dashboard.</summary>
internal sealed class CapacitySession(RunOptions.Bound options, CapacityOptions search, string? output, string? csv, string? html, string logFile, Core.Cluster.ClusterOptions? cluster = null)
{
    /// <summary>--junit and --summary-md, written from the same results record as --output.</summary>
    public CiPaths Ci { get; init; } = new(null, null);

    public async Task<int> HeadlessAsync(CancellationToken cancellationToken)
    {
        using var fileLog = FileLoggerProvider.TryOpen(logFile, out var logError);
        if (logError is not null)
            await Console.Error.WriteLineAsync($"warning: {logError}; continuing without a log file").ConfigureAwait(false);
        using var loggerFactory = LoggerFactory.Create(b =>
        {
            if (fileLog is not null)
                b.AddProvider(fileLog);
        });
        await using var monitor = MonitorSession.StartIfRequested(options.Monitor);
        if (await EngineFactory.CreateAsync(options, cluster, loggerFactory.CreateLogger("LoadTestTui.Capacity"), Console.Out, cancellationToken).ConfigureAwait(false) is not { } engine)
            return ExitCodes.Failed;
        await using var ownedEngine = engine;
        var runner = new CapacityRunner(engine, search, monitor is null ? null : () => monitor.Recorder.Samples);
        Console.WriteLine(Describe());
        var table = new CapacityTable(search);
        Console.WriteLine(table.Header());
        runner.StepCompleted += (number, step) => Console.WriteLine(table.Row(number, step));
        var answer = await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        return await FinishAsync(engine, runner, answer, monitor).ConfigureAwait(false);
    }

    public async Task<int> DashboardAsync(CancellationToken cancellationToken)
    {
        if (Dashboard.TerminalGuard.Check() is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var launch = new DashboardLaunch(options, null, null, DashboardSettings.Default.RefreshRate, null, logFile, Capacity: search, Cluster: cluster);
        return await DashboardCommand.OpenAsync(launch, cancellationToken, async session =>
        {
            var runner = session.Capacity!;
            Console.WriteLine(Describe());
            var table = new CapacityTable(search);
            Console.WriteLine(table.Header());
            var number = 0;
            foreach (var step in runner.Status.Steps)
                Console.WriteLine(table.Row(++number, step));
            return await FinishAsync(session.Engine, runner, runner.Status.Answer, session.Monitor).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Capacity search against {options.Bots.Host}:{options.Bots.Port}: {search.MinBots:N0} to {search.MaxBots:N0} bots, resolution {search.Resolution:0.##%}, " +
        $"settle {DurationText.Format(search.Settle)} + measure {DurationText.Format(search.Measure)} per step; SLO: {string.Join(", ", search.Slo.Select(t => t.Text))}");

    private async Task<int> FinishAsync(ILoadEngine engine, CapacityRunner runner, CapacityAnswer? answer, MonitorSession? monitor)
    {
        var steps = runner.Status.Steps;
        Console.WriteLine($"Capacity: {answer?.ToString() ?? "no answer (the search did not run a step)"}");
        var artifacts = new RunArtifacts(options.Bots, monitor?.Recorder) { Capacity = CapacityExport.Report(search, steps, answer) };
        var ok = true;
        string? json = null;
        if (output is not null)
        {
            var result = await artifacts.WriteJsonAsync(output, engine.Latest).ConfigureAwait(false);
            ok &= Report(result);
            json = result.Success ? result.Path : null;
        }
        var htmlWritten = false;
        if (html is not null)
            ok &= htmlWritten = await HtmlReportOutput.WriteAsync(html, json, engine.Latest, artifacts).ConfigureAwait(false);
        if (Ci.Junit is not null || Ci.Markdown is not null)
            ok &= await CiOutputs.WriteAsync(artifacts.Report(engine.Latest), Ci.Junit, Ci.Markdown, htmlWritten ? html : null).ConfigureAwait(false);
        if (csv is not null)
            ok &= Report(await CapacityExport.WriteCsvAsync(csv, search, steps).ConfigureAwait(false));
        if (!ok)
            return ExitCodes.Failed;
        if (steps.Count > 0 && steps.All(s => s.Online == 0) && answer?.Holds is null)
            return ExitCodes.Failed; // nothing ever came online: like run, that is a failure to test at all
        return answer?.Holds is null ? ExitCodes.ThresholdsFailed : ExitCodes.Ok;
    }

    private static bool Report(ExportResult result)
    {
        (result.Success ? Console.Out : Console.Error).WriteLine(result.Success ? $"Results written to {result.Path}" : $"error: {result.Error}");
        return result.Success;
    }
}

