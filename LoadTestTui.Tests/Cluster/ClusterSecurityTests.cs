using LoadTestTui.Core.Cluster;
using LoadTestTui.Tests.Support;
using NATS.Client.Core;

namespace LoadTestTui.Tests.Cluster;

[TestClass]
public sealed class ClusterSecurityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task WaitForAgents_OtherClusterAndNoToken_IgnoredAndNamedMissing()
    {
        using var nats = await NatsServerProcess.StartAsync(token: "s3cret");
        await using var elsewhere = await InProcessAgents.StartAsync(nats.Url, 1, cluster: "elsewhere", token: "s3cret");
        await Assert.ThrowsExactlyAsync<NatsException>(() => InProcessAgents.StartAsync(nats.Url, 1));

        var options = ClusterControllerTests.Options(nats.Url, 1, token: "s3cret") with { AgentsTimeout = TimeSpan.FromSeconds(2) };
        await using var controller = await ClusterController.ConnectAsync(options, TestServers.FastBots(1), TestServers.FastEngine);
        var timeout = await Assert.ThrowsExactlyAsync<TimeoutException>(() => controller.WaitForAgentsAsync());
        Assert.Contains("none answered; 1 missing", timeout.Message);
        Assert.Contains("cluster 'default'", timeout.Message);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task SecondController_AgentBusy_RefusedAndNamedBusy()
    {
        await using var server = await TestServers.StartAsync();
        using var nats = await NatsServerProcess.StartAsync();
        await using var agents = await InProcessAgents.StartAsync(nats.Url, 1);
        await using var first = await ClusterController.ConnectAsync(ClusterControllerTests.Options(nats.Url, 1), ClusterControllerTests.Bots(server.Port), TestServers.FastEngine);
        await first.WaitForAgentsAsync();
        first.Start(5);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 5, Patience, "the first controller's bots online");

        var options = ClusterControllerTests.Options(nats.Url, 1) with { AgentsTimeout = TimeSpan.FromSeconds(2) };
        await using var second = await ClusterController.ConnectAsync(options, ClusterControllerTests.Bots(server.Port), TestServers.FastEngine);
        var timeout = await Assert.ThrowsExactlyAsync<TimeoutException>(() => second.WaitForAgentsAsync());
        Assert.Contains("busy with another controller: agent-1", timeout.Message);
        Assert.AreEqual(5, server.Stats.UsersRegistered, "the agent kept its controller's run");
    }

    [TestMethod]
    [DataRow("nats://10.0.0.5:4222", null, false, true)]
    [DataRow("nats://10.0.0.5:4222", "token", false, false)]
    [DataRow("nats://10.0.0.5:4222", null, true, false)]
    [DataRow("tls://10.0.0.5:4222", null, false, false)]
    [DataRow("nats://127.0.0.1:4222", null, false, false)]
    [DataRow("nats://localhost:4222", null, false, false)]
    [DataRow("127.0.0.1:4222,nats://10.0.0.5:4222", null, false, true)]
    public void InsecureWarning_NonLoopbackWithoutSecurity_Warns(string url, string? token, bool tls, bool warns)
    {
        var settings = new NatsSettings { Url = url, Token = token, Tls = tls };
        Assert.AreEqual(warns, settings.InsecureWarning is not null);
    }
}
