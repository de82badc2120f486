using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace LoadTestTui.Cli;

/// <summary>The engine a command drives: bots in this process, or a controller of load agents when --nats is given.</summary>
internal static class EngineFactory
{
    /// <summary>The engine, or null after printing a one-line error (NATS unreachable, agents missing).</summary>
    public static async Task<ILoadEngine?> CreateAsync(RunOptions.Bound bound, ClusterOptions? cluster, ILogger logger, TextWriter status, CancellationToken cancellationToken)
    {
        if (cluster is null)
            return new BotEngine(bound.Bots, bound.Engine, logger);
        ClusterController? controller = null;
        try
        {
            controller = await ClusterController.ConnectAsync(cluster, bound.Bots, bound.Engine, logger).ConfigureAwait(false);
            await status.WriteLineAsync($"Waiting up to {cluster.AgentsTimeout.TotalSeconds:0.#} s for {cluster.Agents} agents in cluster '{cluster.Cluster}' at {cluster.Nats.Url}...").ConfigureAwait(false);
            var agents = await controller.WaitForAgentsAsync(cancellationToken).ConfigureAwait(false);
            await status.WriteLineAsync($"Agents: {string.Join(", ", agents.Select(a => $"{a.Name} on {a.Host}"))}").ConfigureAwait(false);
            return controller;
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: {(ex is NatsException ? $"NATS at {cluster.Nats.Url}: {ex.Message}" : ex.Message)}").ConfigureAwait(false);
            if (controller is not null)
                await controller.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }
}
