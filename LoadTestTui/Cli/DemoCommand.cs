using System.CommandLine;

namespace LoadTestTui.Cli;

/// <summary>
/// <c>loadtest demo</c>: the reference server on a free loopback port (as a child process, so
/// the Server pane shows a real server apart from the bots), monitored, with 50 bots on the dashboard.
/// </summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var options = new DashboardCommandOptions();
        var command = new Command("demo", "Start the embedded reference chat server on a free port and open the dashboard with 50 bots against it.");
        options.AddTo(command);
        options.Run.Bots.DefaultValueFactory = _ => 50;
        command.SetAction((parse, ct) => RunAsync(parse, options, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, DashboardCommandOptions options, CancellationToken ct)
    {
        if (Dashboard.TerminalGuard.Check() is { } refusal)
        {
            await Console.Error.WriteLineAsync(refusal).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        var problems = new List<string>();
        var bound = options.Run.Bind(parse, problems);
        // The demo always monitors its server, so server.* thresholds are welcome.
        var choice = options.Plan.Bind(parse, options.Run, bound is null ? null : bound with { Monitor = new Core.Monitoring.MonitorOptions { Target = new Core.Monitoring.MonitorTarget(Pid: Environment.ProcessId) } }, problems);
        if (bound is null || problems.Count > 0)
            return Cli.Usage(problems);
        var protocol = bound.Bots.Protocol;
        Console.WriteLine("Starting the reference chat server...");
        System.Diagnostics.Process server;
        int port;
        try
        {
            (server, port) = await SelfProcess.StartServerAsync(["--key", protocol.Key, "--encoding", protocol.Encoding, "--max-frame", protocol.MaxFrameSize.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        try
        {
            var demo = bound with
            {
                Bots = bound.Bots with { Host = "127.0.0.1", Port = port },
                Monitor = new Core.Monitoring.MonitorOptions { Target = new Core.Monitoring.MonitorTarget(Pid: server.Id), LoadTestPort = port },
            };
            var duration = parse.GetResult(options.Run.Duration) is { Implicit: false } ? bound.Duration : null;
            return await DashboardCommand.OpenAsync(
                new DashboardLaunch(demo, bound.BotCount, duration, parse.GetValue(options.Refresh), parse.GetValue(options.Output), parse.GetValue(options.Log) ?? "load_test.log",
                    $"demo server 127.0.0.1:{port} (pid {server.Id})", choice),
                ct).ConfigureAwait(false);
        }
        finally
        {
            SelfProcess.Stop(server);
            server.Dispose();
        }
    }
}
