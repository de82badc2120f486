using LoadTestTui.Core.Cluster;

namespace LoadTestTui.Tests.Support;

/// <summary>Load agents in this process, each with its own NATS connection; disposing stops them (bots say goodbye).</summary>
internal sealed class InProcessAgents : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _runs = [];

    public List<LoadAgent> Agents { get; } = [];

    public static async Task<InProcessAgents> StartAsync(string url, int count, string cluster = ClusterSubjects.DefaultCluster, string? token = null)
    {
        var agents = new InProcessAgents();
        for (var i = 1; i <= count; i++)
        {
            var agent = new LoadAgent(new AgentOptions
            {
                Nats = new NatsSettings { Url = url, Token = token },
                Cluster = cluster,
                Name = $"agent-{i}",
                PresenceInterval = TimeSpan.FromMilliseconds(200),
                RowsPerReport = 64, // a run's rows then travel in several reports, as 20,000 bots' rows do
            });
            agents.Agents.Add(agent);
            agents._runs.Add(agent.RunAsync(agents._stop.Token));
        }
        await Wait.ForAsync(Task.WhenAny(Task.WhenAll(agents.Agents.Select(a => a.Ready)), Task.WhenAll(agents._runs)), TimeSpan.FromSeconds(10), "agents connected");
        foreach (var run in agents._runs.Where(r => r.IsFaulted))
            await run; // surfaces a connection failure
        return agents;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_runs).WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
