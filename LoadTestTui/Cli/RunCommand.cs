using System.CommandLine;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Verdicts;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Cli;

/// <summary><c>loadtest run</c>: the engine without a screen, for scripts and CI.</summary>
internal static class RunCommand
{
    public static Command Build()
    {
        var options = new RunOptions();
        var planOptions = new PlanOptions();
        var cluster = new ControllerCliOptions();
        var output = new Option<string?>("--output") { Description = "Write the JSON result here when the run ends." };
        var csv = new Option<string?>("--csv") { Description = "Write timeline.csv and bots.csv (and monitor.csv) into this folder." };
        var html = new Option<string?>("--html") { Description = "Write the HTML report (charts and tables, one self-contained file) here when the run ends." };
        var junit = new Option<string?>("--junit") { Description = "Write the thresholds as JUnit XML here when the run ends (one test case per threshold), for CI." };
        var summaryMd = new Option<string?>("--summary-md") { Description = "Write the final summary as Markdown here (key figures, thresholds, a link to --html), e.g. $GITHUB_STEP_SUMMARY." };
        var log = new Option<string>("--log") { Description = "Log file.", DefaultValueFactory = _ => "load_test.log" };
        var interactive = new Option<bool>("--interactive") { Description = "Read the original line commands from standard input: start, stop, stats, export, broadcast, quit." };
        var statusInterval = new Option<double>("--status-interval") { Description = "Seconds between status blocks; 0 = only the final summary.", DefaultValueFactory = _ => 5 };

        var command = new Command("run", "Run bots against a server without the dashboard; prints status blocks and writes JSON/CSV results.");
        options.AddTo(command);
        planOptions.AddTo(command);
        cluster.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(csv);
        command.Options.Add(html);
        command.Options.Add(junit);
        command.Options.Add(summaryMd);
        command.Options.Add(log);
        command.Options.Add(interactive);
        command.Options.Add(statusInterval);
        command.SetAction((parse, ct) =>
        {
            var problems = new List<string>();
            var bound = options.Bind(parse, problems);
            var settings = new HeadlessSettings(
                parse.GetValue(output), parse.GetValue(csv), parse.GetValue(log) ?? "", parse.GetValue(interactive), parse.GetValue(statusInterval))
            {
                Html = parse.GetValue(html),
                Junit = parse.GetValue(junit),
                SummaryMarkdown = parse.GetValue(summaryMd),
            };
            problems.AddRange(settings.Validate());
            var choice = planOptions.Bind(parse, options, bound, problems);
            var clusterOptions = cluster.Bind(parse, problems);
            if (settings.Interactive && choice.Plan is not null)
                problems.Add("--interactive starts runs with 'start N': a --plan with stages, --stage or --shape does not apply (thresholds do).");
            if (!settings.Interactive && choice.Plan is null && bound is { BotCount: < 1 })
                problems.Add("--bots must be at least 1 (or use --interactive and 'start').");
            if (bound is null || problems.Count > 0)
                return Task.FromResult(Cli.Usage(problems));
            return new HeadlessRun(bound, settings, choice, clusterOptions).ExecuteAsync(ct);
        });
        return command;
    }
}

internal sealed record HeadlessSettings(string? Output, string? CsvDirectory, string LogFile, bool Interactive, double StatusIntervalSeconds)
{
    /// <summary>The HTML report's path (<c>--html</c>); made from the results JSON, so the JSON is written too (to a temp file when --output is not given).</summary>
    public string? Html { get; init; }

    /// <summary><c>--junit</c> and <c>--summary-md</c>: the results record as JUnit XML and as Markdown.</summary>
    public string? Junit { get; init; }
    public string? SummaryMarkdown { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (StatusIntervalSeconds < 0 || double.IsNaN(StatusIntervalSeconds))
            problems.Add("--status-interval must be 0 or positive seconds.");
        if (Output is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(Output))) is { } outputProblem)
            problems.Add($"--output: {outputProblem}");
        if (CsvDirectory is not null && OutputProbe.Check(Path.GetFullPath(CsvDirectory)) is { } csvProblem)
            problems.Add($"--csv: {csvProblem}");
        if (Html is not null && OutputProbe.Check(Path.GetDirectoryName(Path.GetFullPath(Html))) is { } htmlProblem)
            problems.Add($"--html: {htmlProblem}");
        CiOutputs.Validate(Junit, SummaryMarkdown, "--summary-md", problems);
        return problems;
    }
}

/// <summary>One headless run from start to written results.</summary>
internal sealed class HeadlessRun(RunOptions.Bound options, HeadlessSettings settings, PlanOptions.Choice choice, Core.Cluster.ClusterOptions? cluster = null)
{
    private EngineSnapshot? _latest;

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        using var fileLog = FileLoggerProvider.TryOpen(settings.LogFile, out var logError);
        if (logError is not null)
            await Console.Error.WriteLineAsync($"warning: {logError}; continuing without a log file").ConfigureAwait(false);
        using var loggerFactory = LoggerFactory.Create(b =>
        {
            if (fileLog is not null)
                b.AddProvider(fileLog);
        });
        var logger = loggerFactory.CreateLogger("LoadTestTui.Run");

        await using var monitor = MonitorSession.StartIfRequested(options.Monitor);
        if (monitor is not null)
            Console.WriteLine($"Monitoring {monitor.Sampler.Options.Target} every {monitor.Sampler.Options.Interval.TotalSeconds:0.#} s");
        var artifacts = new RunArtifacts(options.Bots, monitor?.Recorder, choice.Thresholds);
        if (await EngineFactory.CreateAsync(options, cluster, logger, Console.Out, cancellationToken).ConfigureAwait(false) is not { } engine)
            return ExitCodes.Failed;
        var watch = new ThresholdWatch(engine, choice.Thresholds, monitor is null ? null : () => monitor.Recorder.Samples);
        using var subscription = engine.Snapshots.Subscribe(s => Volatile.Write(ref _latest, s));
        using var printing = new CancellationTokenSource();
        var printer = PrintStatusAsync(engine, printing.Token);
        var watching = watch.RunAsync(printing.Token);
        var started = true;
        try
        {
            if (settings.Interactive)
                await new InteractiveConsole(engine, options, artifacts, Console.In, Console.Out).RunAsync(cancellationToken).ConfigureAwait(false);
            else
                started = await RunBatchAsync(engine, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await printing.CancelAsync().ConfigureAwait(false);
            await printer.ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            await engine.DisposeAsync().ConfigureAwait(false);
        }

        if (!started)
            return ExitCodes.Failed;
        var final = Volatile.Read(ref _latest) ?? engine.Latest;
        Console.WriteLine(StatusBlock.Summary(final, DateTime.Now));
        if (monitor?.Sampler.Latest is { } server)
            new MonitorPrinter(Console.Out, options.Bots.Port).Print(server);
        if (monitor is not null && ServerOverRun(final, monitor.Recorder.Samples) is { } serverLine)
            Console.WriteLine(serverLine);
        var verdict = PrintThresholds(artifacts, final, watch.AbortedBy);
        var written = await WriteOutputsAsync(final, artifacts).ConfigureAwait(false);
        if (final.PeakOnline == 0 && final.State != RunState.Idle)
            return NoBotOnline(final);
        return !written ? ExitCodes.Failed : verdict ? ExitCodes.Ok : ExitCodes.ThresholdsFailed;
    }

    /// <summary>The monitor's block above is its last sample, taken after the bots left: this line is the server over the run.</summary>
    private static string? ServerOverRun(EngineSnapshot final, IReadOnlyList<Core.Monitoring.MonitorSnapshot> samples) =>
        final.StartedAt is { } start && ServerFigures.Of(samples, start, start + final.Elapsed) is { } f
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Server over the run ({f.Samples} samples): CPU avg {f.CpuAvg:0.0}%, max {f.CpuMax:0.0}%; memory avg {f.MemoryAvgMb:0}MB, max {f.MemoryMaxMb:0}MB; threads max {f.ThreadsMax:0}{(f.ConnectionsMax is { } c ? $"; connections max {c:0}" : "")}")
            : null;

    /// <summary>One line per threshold, judged on the final snapshot; returns whether all held.</summary>
    private static bool PrintThresholds(RunArtifacts artifacts, EngineSnapshot final, ThresholdResult? abortedBy)
    {
        if (artifacts.Thresholds.Count == 0)
            return true;
        var results = artifacts.Judge(final);
        Console.WriteLine("Thresholds:");
        foreach (var result in results)
            Console.WriteLine($"  {result}");
        if (abortedBy is not null)
            Console.WriteLine($"Run aborted early: {abortedBy.Reason()} (abort threshold '{abortedBy.Threshold.Text}')");
        // An aborted run fails even if the aborting figure recovered by the end.
        var failed = results.Count(r => !r.Passed);
        Console.WriteLine(failed == 0 && abortedBy is null ? $"All {results.Length} thresholds passed." : $"{Math.Max(1, failed)} of {results.Length} thresholds failed.");
        return failed == 0 && abortedBy is null;
    }

    /// <summary>Runs to the end (or Ctrl+C); false when the run could not start.</summary>
    private async Task<bool> RunBatchAsync(ILoadEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            if (choice.Plan is { } plan)
            {
                Console.WriteLine($"Following the plan against {options.Bots.Host}:{options.Bots.Port}: {plan} ({DurationText.Format(plan.Total)}, peak {plan.PeakTarget} bots, ramp cap {options.Engine.RampPerSecond:0.#}/s)");
                engine.Start(plan);
            }
            else
            {
                Console.WriteLine($"Starting {options.BotCount} bots against {options.Bots.Host}:{options.Bots.Port}" +
                    (options.Duration is { } d ? $" for {d.TotalSeconds:0.#} s" : " until Ctrl+C") + $" (ramp {options.Engine.RampPerSecond:0.#}/s)");
                engine.Start(options.BotCount, options.Duration);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: cannot start: {ex.Message}").ConfigureAwait(false);
            return false;
        }
        try
        {
            await engine.RunCompletion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping: bots are saying goodbye...");
            await engine.StopAsync().ConfigureAwait(false);
        }
        return true;
    }

    private async Task PrintStatusAsync(ILoadEngine engine, CancellationToken cancellationToken)
    {
        if (settings.StatusIntervalSeconds <= 0)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.StatusIntervalSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Volatile.Read(ref _latest) is { State: RunState.Ramping or RunState.Running or RunState.Stopping } snapshot)
                    Console.WriteLine(StatusBlock.Format(snapshot, DateTime.Now));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>Writes --output and --csv; a file that fails is saved to the temp folder instead, so nothing is lost.</summary>
    private async Task<bool> WriteOutputsAsync(EngineSnapshot final, RunArtifacts artifacts)
    {
        var ok = true;
        string? json = null;
        if (settings.Output is { } output)
        {
            var result = await artifacts.WriteJsonAsync(output, final).ConfigureAwait(false);
            ok &= await ReportAsync(result, () => artifacts.WriteJsonAsync(Path.Combine(Path.GetTempPath(), RunExporter.DefaultFileName(DateTime.Now)), final)).ConfigureAwait(false);
            json = result.Success ? result.Path : null;
        }
        var htmlWritten = false;
        if (settings.Html is { } html)
            ok &= htmlWritten = await HtmlReportOutput.WriteAsync(html, json, final, artifacts).ConfigureAwait(false);
        if (settings.Junit is not null || settings.SummaryMarkdown is not null)
            ok &= await CiOutputs.WriteAsync(artifacts.Report(final), settings.Junit, settings.SummaryMarkdown, htmlWritten ? settings.Html : null).ConfigureAwait(false);
        if (settings.CsvDirectory is { } directory)
        {
            foreach (var result in await artifacts.WriteCsvAsync(directory, final).ConfigureAwait(false))
                ok &= await ReportAsync(result, null).ConfigureAwait(false);
        }
        return ok;
    }

    private static async Task<bool> ReportAsync(ExportResult result, Func<Task<ExportResult>>? fallback)
    {
        if (result.Success)
        {
            Console.WriteLine($"Results written to {result.Path}");
            return true;
        }
        await Console.Error.WriteLineAsync($"error: {result.Error}").ConfigureAwait(false);
        if (fallback is not null && await fallback().ConfigureAwait(false) is { Success: true } saved)
            await Console.Error.WriteLineAsync($"the results were saved to {saved.Path} instead").ConfigureAwait(false);
        return false;
    }

    private int NoBotOnline(EngineSnapshot final)
    {
        var top = final.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => e.Key).Cast<ErrorKind?>().FirstOrDefault();
        var why = top switch
        {
            ErrorKind.ConnectRefused => "the connection was refused (is the server running on that port?)",
            ErrorKind.ConnectTimeout => "connecting timed out (host unreachable or filtered?)",
            ErrorKind.Unreachable => "the host could not be reached or resolved",
            ErrorKind.ResponseTimeout => "the server accepted connections but never answered the registration",
            { } other => $"connections failed ({other.Name()})",
            null => "the run ended before any bot connected",
        };
        Console.Error.WriteLine($"error: no bot came online at {options.Bots.Host}:{options.Bots.Port}: {why}");
        return ExitCodes.Failed;
    }
}
