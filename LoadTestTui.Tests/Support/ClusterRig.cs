using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Cluster;

namespace LoadTestTui.Tests.Support;

/// <summary>The reference server, a NATS server, in-process agents and a controller that has taken them: a cluster ready to start.</summary>
internal sealed class ClusterRig : IAsyncDisposable
{
    private NatsServerProcess? _nats;

    public ChatServer Server { get; private set; } = null!;
    public InProcessAgents Agents { get; private set; } = null!;
    public ClusterController Controller { get; private set; } = null!;
    public BotOptions Bots { get; private set; } = null!;

    /// <param name="bots">The bots (default: the fast test bots against the rig's server).</param>
    /// <param name="rowLimit">Rows each agent adds to every report.</param>
    /// <param name="engine">The controller's engine options (default: the fast test engine).</param>
    public static async Task<ClusterRig> StartAsync(int agents, Func<int, BotOptions>? bots = null, int rowLimit = 0, EngineOptions? engine = null)
    {
        var rig = new ClusterRig();
        try
        {
            rig.Server = await TestServers.StartAsync();
            rig._nats = await NatsServerProcess.StartAsync();
            rig.Agents = await InProcessAgents.StartAsync(rig._nats.Url, agents);
            rig.Bots = (bots ?? TestServers.FastBots)(rig.Server.Port);
            rig.Controller = await ClusterController.ConnectAsync(ClusterControllerTests.Options(rig._nats.Url, agents) with { RowLimit = rowLimit }, rig.Bots, engine ?? TestServers.FastEngine);
            await rig.Controller.WaitForAgentsAsync();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Controller is not null)
            await Controller.DisposeAsync();
        if (Agents is not null)
            await Agents.DisposeAsync();
        _nats?.Dispose();
        if (Server is not null)
            await Server.DisposeAsync();
    }
}
