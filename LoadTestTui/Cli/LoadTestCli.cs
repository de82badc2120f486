using System.CommandLine;

namespace LoadTestTui.Cli;

/// <summary>The `loadtest` command tree. Each subcommand lives in its own file and registers here.</summary>
public static class LoadTestCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LoadTestTui: load-test TCP chat and game servers from a keyboard-driven terminal dashboard.");
        root.Subcommands.Add(MonitorCommand.Create());
        root.Subcommands.Add(ProbeChildCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
