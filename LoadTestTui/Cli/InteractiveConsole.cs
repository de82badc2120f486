using System.Globalization;
using System.Threading.Channels;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Cli;

/// <summary>
/// The original tool's line commands over standard input (works with piped input, so it is
/// scriptable). Unknown commands get help; end of input quits like <c>quit</c>.
/// </summary>
internal sealed class InteractiveConsole(ILoadEngine engine, RunOptions.Bound options, RunArtifacts artifacts, TextReader input, TextWriter output)
{
    public const string Help = """
        Commands:
          start <bots> [seconds]   start a test (no seconds = until stop)
          stop                     stop the test (bots say goodbye)
          stats                    show the current status
          export [file]            write the JSON result (default load_test_stats_YYYYMMDD_HHMMSS.json),
                                   its CSVs and HTML report beside it
          broadcast <message>      every online bot sends the message now
          pause / resume           pause or resume the bots' random chat
          scale <bots>             grow or shrink the running test
          help                     this list
          quit                     stop and exit
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"Interactive mode: target {options.Bots.Host}:{options.Bots.Port}. Type 'help' for commands.").ConfigureAwait(false);
        var lines = ReadLines(cancellationToken);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await ExecuteAsync(line.Trim()).ConfigureAwait(false))
                    return;
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the caller stops the run and writes the outputs.
        }
    }

    /// <summary>Runs one command; false means quit.</summary>
    public async Task<bool> ExecuteAsync(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? line : line[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (verb)
        {
            case "":
                return true;
            case "start":
                Start(rest);
                return true;
            case "stop":
                await output.WriteLineAsync("Stopping: bots are saying goodbye...").ConfigureAwait(false);
                await engine.StopAsync().ConfigureAwait(false);
                await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
                return true;
            case "stats":
                // After 'stop' the last tick's rates are 0: a stopped run gets its summary, with the run's rates.
                var snapshot = engine.SnapshotNow();
                await output.WriteLineAsync(snapshot.State == RunState.Stopped ? StatusBlock.Summary(snapshot, DateTime.Now) : StatusBlock.Format(snapshot, DateTime.Now)).ConfigureAwait(false);
                return true;
            case "export":
                var path = rest.Length > 0 ? rest : RunExporter.DefaultFileName(DateTime.Now);
                foreach (var result in await artifacts.WriteBesideAsync(path, engine.SnapshotNow()).ConfigureAwait(false))
                    await output.WriteLineAsync(result.Success ? $"Exported to {result.Path}" : $"Export failed: {result.Error}").ConfigureAwait(false);
                return true;
            case "broadcast" when rest.Length > 0:
                await output.WriteLineAsync($"Broadcast sent by {engine.Broadcast(rest)} bots.").ConfigureAwait(false);
                return true;
            case "pause" or "resume":
                engine.SetChatPaused(verb == "pause");
                await output.WriteLineAsync(verb == "pause" ? "Chat paused." : "Chat resumed.").ConfigureAwait(false);
                return true;
            case "scale" when int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var target):
                engine.ScaleTo(target);
                await output.WriteLineAsync($"Scaling to {target} bots.").ConfigureAwait(false);
                return true;
            case "quit" or "exit" or "q":
                return false;
            case "help" or "?":
                await output.WriteLineAsync(Help).ConfigureAwait(false);
                return true;
            default:
                await output.WriteLineAsync($"Unknown or incomplete command '{line}'.").ConfigureAwait(false);
                await output.WriteLineAsync(Help).ConfigureAwait(false);
                return true;
        }
    }

    private void Start(string arguments)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bots) || bots < 1)
        {
            output.WriteLine("Usage: start <bots> [seconds]   e.g. start 20 300");
            return;
        }
        double seconds = 0;
        if (parts.Length == 2 && (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds < 0))
        {
            output.WriteLine("Usage: start <bots> [seconds]   seconds must be a positive number");
            return;
        }
        try
        {
            engine.Start(bots, seconds > 0 ? TimeSpan.FromSeconds(seconds) : null);
            output.WriteLine($"Started {bots} bots" + (seconds > 0 ? $" for {seconds:0.#} s." : " until 'stop'."));
        }
        catch (InvalidOperationException ex)
        {
            output.WriteLine($"Cannot start: {ex.Message}.");
        }
    }

    /// <summary>Reads standard input on its own task: a blocking read must never hold up Ctrl+C or the status printer.</summary>
    private Channel<string> ReadLines(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<string>(16);
        _ = Task.Run(async () =>
        {
            try
            {
                while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                    await channel.Writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // Input closed or cancelled.
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, CancellationToken.None);
        return channel;
    }
}
