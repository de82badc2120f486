namespace LoadTestTui.Tests.Model;

[TestClass]
public sealed class LatencySetTests
{
    [TestMethod]
    public void EncodeAndAdd_TwoAgentsIntervals_EqualOneHistogramOfAllValues()
    {
        var random = new Random(7);
        var whole = LatencyHistogram.New();
        var merged = new LatencySet();
        for (var agent = 0; agent < 2; agent++)
        {
            for (var interval = 0; interval < 5; interval++)
            {
                var part = new LatencySet();
                for (var i = 0; i < 1000; i++)
                {
                    var micros = (long)(Math.Exp(random.NextDouble() * 12) * (agent + 1));
                    part.For(LatencyKind.ChatEcho).RecordValue(micros);
                    whole.RecordValue(micros);
                }
                Assert.IsTrue(merged.TryAddEncoded(part.Encode(), out var problem), problem);
            }
        }
        Assert.AreEqual(whole.TotalCount, merged.For(LatencyKind.ChatEcho).TotalCount);
        Assert.AreEqual(LatencyHistogram.Summarize(whole), merged.Summaries()[LatencyKind.ChatEcho], "merged percentiles are exact");
    }

    [TestMethod]
    public void Encode_NamedKind_TravelsUnderItsNameAndComesBackAsTheSameKind()
    {
        var set = LatencySet.WithBuiltIns();
        set.For(new LatencyKind("set", "memcached set")).RecordValue(420);
        var encoded = set.Encode();
        CollectionAssert.AreEqual(new[] { "set" }, encoded.Keys.ToArray(), "kinds without values are left out");

        var back = new LatencySet();
        Assert.IsTrue(back.TryAddEncoded(encoded, out _));
        Assert.AreEqual(1L, back.Summaries()[LatencyKind.Named("set")].Count);
        Assert.AreEqual(LatencyKind.Named("set"), back.Kinds.Single());
    }

    [TestMethod]
    public void TryAddEncoded_GarbageForOneKind_FalseWithReasonOthersAdded()
    {
        var good = new LatencySet();
        good.For(LatencyKind.Ping).RecordValue(100);
        var encoded = good.Encode().Add("echo", [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var into = new LatencySet();
        Assert.IsFalse(into.TryAddEncoded(encoded, out var problem));
        StringAssert.Contains(problem, "echo");
        Assert.AreEqual(1L, into.For(LatencyKind.Ping).TotalCount);
        Assert.AreEqual(0L, into.For(LatencyKind.ChatEcho).TotalCount);
    }

    [TestMethod]
    public void EncodeBytes_EmptyHistogram_Null() => Assert.IsNull(HistogramCodec.EncodeBytes(LatencyHistogram.New()));

    [TestMethod]
    public void Summaries_KindWithoutValues_ReadsEmpty()
    {
        var figures = LatencySet.WithBuiltIns().Summaries();
        Assert.AreSame(LatencySummary.Empty, figures[LatencyKind.Connect]);
        Assert.AreSame(LatencySummary.Empty, figures[LatencyKind.Named("get")]);
        CollectionAssert.AreEqual(LatencyKind.BuiltIn.ToArray(), figures.Kinds.ToArray());
    }
}
