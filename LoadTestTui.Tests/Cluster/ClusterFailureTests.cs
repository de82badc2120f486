using System.Text.RegularExpressions;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cluster;

[TestClass]
[DoNotParallelize] // runs load through child processes (loadtest, agents, NATS) whose registration, SIGTERM and threshold timings fail when other classes load the CPU
public sealed partial class ClusterFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [GeneratedRegex("waiting for work")]
    private static partial Regex AgentReady();

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task AgentProcessKilled_MidRun_MarkedLostAndRunGoesOn()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        using var doomed = AppProcess.Start("agent", "--nats", nats.Url, "--name", "doomed");
        await doomed.WaitForLineAsync(AgentReady(), Patience);
        await using var survivor = await InProcessAgents.StartAsync(nats.Url, 1);
        await using var controller = await ClusterController.ConnectAsync(ClusterControllerTests.Options(nats.Url, 2), ClusterControllerTests.Bots(server.Port), TestServers.FastEngine);
        await controller.WaitForAgentsAsync();
        controller.Start(100);
        await Wait.UntilAsync(() => controller.Latest.States.Online == 100, Patience, "100 bots online on two agents");

        doomed.Dispose(); // killed: no goodbye, no final report
        await Wait.UntilAsync(() => controller.Latest.Errors[ErrorKind.AgentLost] == 50, Patience, "the killed agent's 50 bots count as agent_lost");
        var snapshot = controller.Latest;
        Assert.AreEqual(RunState.Running, snapshot.State, "the run goes on");
        Assert.IsTrue(snapshot.Agents.Single(a => a.Name == "doomed").Lost);
        Assert.AreEqual(50, snapshot.States.Online, "the survivor's bots are still online");
        Assert.AreEqual(50, snapshot.States.Failed);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 50, Patience, "the server dropped the killed agent's users");

        await Wait.ForAsync(controller.StopAsync(), Patience, "stop with one agent lost");
        Assert.AreEqual(RunState.Stopped, controller.Latest.State);
        Assert.AreEqual(50, controller.Latest.States.Stopped);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task AgentLossAbort_AgentKilled_RunStops()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        using var doomed = AppProcess.Start("agent", "--nats", nats.Url, "--name", "doomed");
        await doomed.WaitForLineAsync(AgentReady(), Patience);
        await using var survivor = await InProcessAgents.StartAsync(nats.Url, 1);
        var options = ClusterControllerTests.Options(nats.Url, 2) with { OnAgentLoss = AgentLossPolicy.Abort };
        await using var controller = await ClusterController.ConnectAsync(options, ClusterControllerTests.Bots(server.Port), TestServers.FastEngine);
        await controller.WaitForAgentsAsync();
        controller.Start(20);
        await Wait.UntilAsync(() => controller.Latest.States.Online == 20, Patience, "20 bots online");

        doomed.Dispose();
        await Wait.ForAsync(controller.RunCompletion, Patience, "the run aborted");
        Assert.AreEqual(RunState.Stopped, controller.Latest.State);
        Assert.AreEqual(10L, controller.Latest.Errors[ErrorKind.AgentLost]);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 0, Patience, "the survivor's bots left too");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task ControllerProcessKilled_AgentsStopTheirBots()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        await using var agents = await InProcessAgents.StartAsync(nats.Url, 2);
        using var folder = new TempDirectory();
        using (var controller = AppProcess.Start("run", "--nats", nats.Url, "--agents", "2", "--controller-timeout", "2", "--bots", "60", "--duration", "0",
            "--host", "127.0.0.1", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ramp", "1000", "--chat-interval", "3-6",
            "--status-interval", "0", "--log", Path.Combine(folder.Path, "run.log")))
        {
            await Wait.UntilAsync(() => server.Stats.UsersRegistered == 60, Patience, "the controller's 60 bots online on the agents");
        } // killed: it never says stop

        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 0, Patience, "agents stopped their bots after the controller fell silent");
        await Wait.UntilAsync(() => agents.Agents.All(a => a.LastRunSnapshot?.State == RunState.Stopped), Patience, "both agents ended their run");
        Assert.IsTrue(agents.Agents.All(a => a.LastRunSnapshot!.GoodbyesSent == 30), "their bots said goodbye: no orphan load");
    }
}
