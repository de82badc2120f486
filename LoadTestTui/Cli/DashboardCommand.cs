using System.CommandLine;
using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Verdicts;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;
using LoadTestTui.Dashboard;
using LoadTestTui.Core.Monitoring;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Cli;

/// <summary><c>loadtest dashboard</c>, and <c>loadtest</c> with no arguments: the full-screen dashboard.</summary>
internal static class DashboardCommand
{
    public static Command Build()
    {
        var options = new DashboardCommandOptions();
        var command = new Command("dashboard", "Open the full-screen dashboard; with --bots N it starts N bots at once, otherwise press s.");
        options.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, options, ct));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, DashboardCommandOptions options, CancellationToken ct)
    {
        if (TerminalGuard.Check() is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var problems = new List<string>();
        var bound = options.Run.Bind(parse, problems);
        var choice = options.Plan.Bind(parse, options.Run, bound, problems);
        var refresh = parse.GetValue(options.Refresh);
        var cluster = options.Cluster.Bind(parse, problems, DashboardCommandOptions.ClusterRowLimit);
        if (bound is null || problems.Count > 0)
            return Cli.Usage(problems);
        var autoStart = parse.GetResult(options.Run.Bots) is { Implicit: false } || choice.Plan is not null ? bound.BotCount : (int?)null;
        var duration = parse.GetResult(options.Run.Duration) is { Implicit: false } ? bound.Duration : null;
        return await OpenAsync(new DashboardLaunch(bound, autoStart, duration, refresh, parse.GetValue(options.Output), parse.GetValue(options.Log) ?? "load_test.log", Choice: choice, Cluster: cluster), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the dashboard over a fresh engine; shared by <c>dashboard</c>, <c>demo</c>, <c>capacity --dashboard</c>
    /// and no arguments. <paramref name="after"/>, when given, writes the results and decides the exit code.
    /// </summary>
    public static async Task<int> OpenAsync(DashboardLaunch launch, CancellationToken ct, Func<DashboardSession, Task<int>>? after = null)
    {
        using var fileLog = FileLoggerProvider.TryOpen(launch.LogFile, out var logError);
        using var loggerFactory = LoggerFactory.Create(b =>
        {
            if (fileLog is not null)
                b.AddProvider(fileLog); // never the console: it would tear the screen
        });
        var events = new DashboardEventSink();
        if (logError is not null)
            events.Warning(logError);
        var bound = launch.Options;
        var choice = launch.Choice ?? new PlanOptions.Choice(null, []);
        await using var monitor = MonitorSession.StartIfRequested(bound.Monitor);
        if (await EngineFactory.CreateAsync(bound, launch.Cluster, loggerFactory.CreateLogger("LoadTestTui.Engine"), Console.Out, ct).ConfigureAwait(false) is not { } engine)
            return ExitCodes.Failed;
        await using var ownedEngine = engine;
        var artifacts = new RunArtifacts(bound.Bots, monitor?.Recorder, choice.Thresholds);
        Func<IReadOnlyList<MonitorSnapshot>?>? samples = monitor is null ? null : () => monitor.Recorder.Samples;
        var watch = new ThresholdWatch(engine, choice.Thresholds, samples);
        var capacity = launch.Capacity is { } search ? new CapacityRunner(engine, search, samples) : null;
        var settings = new DashboardSettings
        {
            Target = launch.TargetLabel ?? $"{bound.Bots.Host}:{bound.Bots.Port}",
            RefreshRate = launch.RefreshRate,
            DefaultBots = launch.AutoStart ?? 100,
            DefaultRampPerSecond = bound.Engine.RampPerSecond,
            // With a plan, the start request describes the plan (its peak and length); the actions follow the plan itself.
            AutoStart = choice.Plan is { } plan && launch.AutoStart is not null
                ? new StartRequest(plan.PeakTarget, plan.Total, bound.Engine.RampPerSecond)
                : launch.AutoStart is { } count ? new StartRequest(count, launch.Duration, bound.Engine.RampPerSecond) : null,
            Events = events,
            Thresholds = choice.Thresholds.Length == 0 ? null : () => watch.Latest,
            Capacity = capacity is null ? null : () => capacity.Status,
        };
        if (settings.Validate() is { Count: > 0 } settingProblems)
            return Cli.Usage(settingProblems);

        using var background = new CancellationTokenSource();
        var watching = watch.RunAsync(background.Token);
        var searching = capacity?.RunAsync(background.Token) ?? Task.FromResult<CapacityAnswer>(null!);
        var exit = await DashboardApp.RunAsync(settings, new EngineDashboardActions(engine, events, artifacts, choice.Plan), engine.Snapshots, monitor?.Sampler.Snapshots, ct).ConfigureAwait(false);
        await background.CancelAsync().ConfigureAwait(false);
        await watching.ConfigureAwait(false);
        await searching.ConfigureAwait(false);
        await engine.StopAsync().ConfigureAwait(false);
        if (after is not null)
            return await after(new DashboardSession(engine, monitor, artifacts, capacity)).ConfigureAwait(false);
        if (launch.Output is { } output)
        {
            foreach (var result in await artifacts.WriteBesideAsync(output, engine.Latest).ConfigureAwait(false))
            {
                await (result.Success ? Console.Out : Console.Error).WriteLineAsync(result.ToString()).ConfigureAwait(false);
                exit = result.Success ? exit : ExitCodes.Failed;
            }
        }
        if (exit == ExitCodes.Ok && artifacts.Thresholds.Count > 0 && engine.Latest.State == RunState.Stopped)
        {
            var results = artifacts.Judge(engine.Latest);
            foreach (var result in results)
                Console.WriteLine(result);
            if (results.Any(r => !r.Passed) || watch.AbortedBy is not null)
                exit = ExitCodes.ThresholdsFailed;
        }
        return exit;
    }
}

/// <summary>What a dashboard session needs, however it was launched.</summary>
internal sealed record DashboardLaunch(
    RunOptions.Bound Options, int? AutoStart, TimeSpan? Duration, double RefreshRate, string? Output, string LogFile, string? TargetLabel = null,
    PlanOptions.Choice? Choice = null, CapacityOptions? Capacity = null, Core.Cluster.ClusterOptions? Cluster = null);

/// <summary>What is left when the dashboard closes, for whoever writes the results.</summary>
internal sealed record DashboardSession(ILoadEngine Engine, MonitorSession? Monitor, RunArtifacts Artifacts, CapacityRunner? Capacity);

/// <summary>The dashboard's options: the run options plus refresh, output and log.</summary>
internal sealed class DashboardCommandOptions
{
    public RunOptions Run { get; } = new();
    public PlanOptions Plan { get; } = new();
    public Option<double> Refresh { get; } = new("--refresh") { Description = "Screen updates per second.", DefaultValueFactory = _ => 4 };
    public Option<string?> Output { get; } = new("--output") { Description = "Write the JSON result (and CSVs beside it) when the dashboard quits." };
    public Option<string> Log { get; } = new("--log") { Description = "Log file (the dashboard never logs to the console).", DefaultValueFactory = _ => "load_test.log" };
    public ControllerCliOptions Cluster { get; } = new();

    /// <summary>Bot rows each agent sends per tick with --nats: the Bots table's share of a cluster (every row comes at export).</summary>
    public const int ClusterRowLimit = 100;

    public DashboardCommandOptions()
    {
        // The dashboard starts bots only when --bots is given (else it waits for s), and runs until stopped unless --duration is given.
        Run.Bots.DefaultValueFactory = null;
        Run.Bots.Description = "Start this many bots at once (default: wait for s).";
        Run.Duration.DefaultValueFactory = null;
        Run.Duration.Description = "End the run after this many seconds (default: until stopped).";
    }

    public void AddTo(Command command)
    {
        Run.AddTo(command);
        Plan.AddTo(command);
        command.Options.Add(Refresh);
        command.Options.Add(Output);
        command.Options.Add(Log);
        Cluster.AddTo(command);
    }
}
