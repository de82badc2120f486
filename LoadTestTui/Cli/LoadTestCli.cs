using System.CommandLine;

namespace LoadTestTui.Cli;

/// <summary>The `loadtest` command tree. Each subcommand lives in its own file and registers here.</summary>
public static class LoadTestCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LoadTestTui: load-test TCP chat and game servers from a keyboard-driven terminal dashboard.");
        root.Subcommands.Add(ServeCommand.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        // Bad options: every problem on its own line, exit code 2 (a usage error, as commands report their own).
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 2;
        }
        // Long enough for a server with thousands of sessions to stop gracefully on Ctrl+C or SIGTERM.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
        return await parse.InvokeAsync(invocation).ConfigureAwait(false);
    }
}
