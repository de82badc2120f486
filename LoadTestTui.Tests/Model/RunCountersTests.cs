namespace LoadTestTui.Tests.Model;

[TestClass]
public sealed class RunCountersTests
{
    private static RunCounters Agent(int online, long sent, long refused) => RunCounters.Zero with
    {
        TotalBots = online + 1,
        States = new StateCounts(0, 1, 0, online, 0, 0, 0, 0),
        MessagesSent = sent,
        Errors = refused,
        ErrorsByKind = RunCounters.Zero.ErrorsByKind.SetItem((int)ErrorKind.ConnectRefused, refused),
        DeliveryAudited = sent * 2,
        AuditReceivers = online,
    };

    [TestMethod]
    public void Sum_TwoAgents_EveryCounterAndGaugeAdded()
    {
        var sum = RunCounters.Sum([Agent(10, 100, 1), Agent(20, 50, 2)]);
        Assert.AreEqual(32, sum.TotalBots);
        Assert.AreEqual(new StateCounts(0, 2, 0, 30, 0, 0, 0, 0), sum.States);
        Assert.AreEqual(150L, sum.MessagesSent);
        Assert.AreEqual(3L, sum.ErrorsOf(ErrorKind.ConnectRefused));
        Assert.AreEqual(300L, sum.DeliveryAudited);
        Assert.AreEqual(30, sum.AuditReceivers);
    }

    [TestMethod]
    public void Minus_LaterTickMinusEarlier_CountersAreTheChangeGaugesTheLater()
    {
        var earlier = Agent(10, 100, 1);
        var later = Agent(12, 130, 4);
        var change = later - earlier;
        Assert.AreEqual(30L, change.MessagesSent);
        Assert.AreEqual(3L, change.ErrorsOf(ErrorKind.ConnectRefused));
        Assert.AreEqual(later.States, change.States, "a gauge is as of the later tick");
        Assert.AreEqual(later.TotalBots, change.TotalBots);
    }

    [TestMethod]
    public void ErrorsOf_DefaultArrays_ReadZeroNotThrow()
    {
        var bare = new RunCounters { MessagesSent = 1 };
        Assert.AreEqual(0L, bare.ErrorsOf(ErrorKind.AgentLost));
        Assert.AreEqual(1L, (bare + RunCounters.Zero).MessagesSent);
        Assert.AreEqual(ErrorKinds.All.Count, (bare + bare).ErrorsByKind.Length);
    }
}
