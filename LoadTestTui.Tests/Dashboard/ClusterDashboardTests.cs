using System.Text.Json;
using LoadTestTui.Core.Export;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Cluster;
using LoadTestTui.Tests.Support;
using Terminal.Gui.Input;

namespace LoadTestTui.Tests.Dashboard;

/// <summary>The dashboard's production actions driving a cluster controller over real agents, as <c>dashboard --nats</c> wires them.</summary>
[TestClass]
[DoNotParallelize] // Terminal.Gui application state and the harness's synchronization context
public sealed class ClusterDashboardTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task DashboardActions_OverTwoAgents_StartScaleExport_AgentsViewShowsThem()
    {
        await using var rig = await ClusterRig.StartAsync(2, ClusterControllerTests.Bots, LoadTestTui.Cli.DashboardCommandOptions.ClusterRowLimit);
        var (server, controller) = (rig.Server, rig.Controller);
        var actions = new EngineDashboardActions(controller, new DashboardEventSink(), new RunArtifacts(rig.Bots));

        actions.Start(20, null, 200);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 20 && controller.Latest.States.Online == 20, Patience, "20 users from the dashboard's start");
        actions.ScaleBy(10);
        await Wait.UntilAsync(() => server.Stats.UsersRegistered == 30, Patience, "scaled by 10 from the dashboard");
        await Wait.UntilAsync(() => controller.Latest.Bots.Length == 30, Patience, "each agent's rows (at most the row limit) travel every tick for the Bots table");

        var seen = AgentsView(controller.Latest);
        StringAssert.Contains(seen, "agent-1");
        StringAssert.Contains(seen, "agent-2");

        using var dir = new TempDirectory();
        var exported = await actions.ExportAsync(Path.Combine(dir.Path, "export.json"));
        Assert.IsTrue(exported.All(r => r.Success), string.Join(" | ", exported));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "export.json")));
        Assert.AreEqual(30, doc.RootElement.GetProperty("bot_details").GetArrayLength(), "an export asks every agent for all its rows");
        await Wait.ForAsync(actions.StopAsync(), Patience, "stop from the dashboard");
        Assert.AreEqual(0, server.Stats.UsersRegistered);
    }

    /// <summary>The Agents view (<c>a</c>) over <paramref name="snapshot"/> (the harness restores this thread's synchronization context when disposed).</summary>
    private static string AgentsView(Core.Model.EngineSnapshot snapshot)
    {
        using var h = new DashboardHarness();
        h.Feed(snapshot);
        return h.PressWithDialog(Key.A, Key.Esc);
    }
}
