using LoadTestTui.Core.Cluster;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;
using Terminal.Gui.Input;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
[DoNotParallelize] // Terminal.Gui application state and the harness's synchronization context
public sealed class AgentsDialogTests
{
    [TestMethod]
    public void AgentsKey_ClusterSnapshot_ShowsEveryAgentAndLostOnes()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(online: 150) with
        {
            Agents =
            [
                new AgentStatus("agent-east", "host-a", 100, 100, 87.5, TimeSpan.FromMilliseconds(200), Lost: false),
                new AgentStatus("agent-west", "host-b", 50, 0, 12, TimeSpan.FromSeconds(9), Lost: true),
            ],
        });
        var seen = h.PressWithDialog(Key.A, Key.Esc);
        StringAssert.Contains(seen, "agent-east");
        StringAssert.Contains(seen, "host-a");
        StringAssert.Contains(seen, "88");
        StringAssert.Contains(seen, "agent-west");
        StringAssert.Contains(seen, "LOST");
    }

    [TestMethod]
    public void Format_NoAgents_SaysBotsRunHere() =>
        StringAssert.Contains(AgentsDialog.Format([]), "No load agents");
}
