using System.CommandLine;
using System.Net;
using LoadTestTui.Core.Cluster;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace LoadTestTui.Cli;

/// <summary><c>loadtest agent</c>: a load generator that takes its share of a run from a controller over NATS.</summary>
internal static class AgentCommand
{
    public static Command Build()
    {
        var nats = new NatsCliOptions();
        nats.Nats.Required = true;
        var name = new Option<string?>("--name") { Description = "Agent name shown by the controller (default: HOST-PID)." };
        var bind = new Option<string?>("--bind") { Description = "Local source address of the bots' connections (e.g. 127.0.0.2: each address has its own ~28,000 ports)." };
        var command = new Command("agent", "Run as a load agent: wait for a controller (run or dashboard with --nats) and run its share of the bots. Ctrl+C stops it.");
        foreach (var option in nats.All)
            command.Options.Add(option);
        command.Options.Add(name);
        command.Options.Add(bind);
        command.SetAction(async (parse, ct) =>
        {
            var problems = new List<string>();
            var settings = nats.BindSettings(parse, problems);
            IPAddress? local = null;
            if (parse.GetValue(bind) is { } text && !IPAddress.TryParse(text, out local))
                problems.Add($"--bind '{text}' must be an IP address.");
            var options = settings is null ? null : new AgentOptions
            {
                Nats = settings,
                Cluster = parse.GetValue(nats.Cluster) ?? "",
                LocalAddress = local,
            };
            if (options is not null && parse.GetValue(name) is { } given)
                options = options with { Name = given };
            if (options is not null)
                problems.AddRange(options.Validate().Except(settings!.Validate()));
            if (options is null || problems.Count > 0)
                return Cli.Usage(problems);
            return await RunAsync(options, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        using var logging = LoggerFactory.Create(builder => builder
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
        if (options.Nats.InsecureWarning is { } warning)
            await Console.Error.WriteLineAsync(warning).ConfigureAwait(false);
        var agent = new LoadAgent(options, logging.CreateLogger("LoadTestTui.Agent"));
        var running = agent.RunAsync(cancellationToken);
        try
        {
            await Task.WhenAny(agent.Ready, running).ConfigureAwait(false);
            if (agent.Ready.IsCompleted)
            {
                var bind = options.LocalAddress is { } local ? $", bots from {local}" : "";
                Console.WriteLine($"Agent {agent.Name} ({agent.Id}) in cluster '{options.Cluster}' at {options.Nats.Url}{bind}: waiting for work");
            }
            await running.ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (NatsException ex)
        {
            await Console.Error.WriteLineAsync($"error: NATS at {options.Nats.Url}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Ok;
        }
    }
}
