using System.CommandLine;
using LoadTestTui.Cli.Bench;

namespace LoadTestTui.Cli;

/// <summary>The `loadtest` command tree. Each subcommand lives in its own file and registers here.</summary>
public static class LoadTestCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LoadTestTui: load-test TCP chat and game servers from a keyboard-driven terminal dashboard.");
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(DashboardCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(CapacityCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(ReportCommand.Build());
        root.Subcommands.Add(CompareCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(AgentCommand.Build());
        root.Subcommands.Add(MonitorCommand.Create());
        root.Subcommands.Add(ProbeChildCommand.Create());
        // No arguments: the dashboard against localhost:9200, waiting for 's'.
        var defaults = new DashboardCommandOptions();
        defaults.AddTo(root);
        root.SetAction((parse, ct) => DashboardCommand.RunAsync(parse, defaults, ct));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            Cli.Usage(parse.Errors.Select(e => e.Message));
            Console.Error.WriteLine("Run 'loadtest --help' (or 'loadtest COMMAND --help') for usage.");
            return ExitCodes.Usage;
        }
        // Ctrl+C and SIGTERM cancel the command's token; give it time to stop bots and write results.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }
}
