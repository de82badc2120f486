using LoadTestTui.Dashboard;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
public sealed class SparklineTests
{
    [TestMethod]
    public void HistoryRing_OverCapacity_KeepsNewestInOrder()
    {
        var ring = new HistoryRing(3);
        foreach (var v in new double[] { 1, 2, 3, 4, 5 })
            ring.Add(v);
        var target = new double[5];
        Assert.AreEqual(3, ring.CopyLatest(target));
        CollectionAssert.AreEqual(new double[] { 0, 0, 3, 4, 5 }, target);
        Assert.AreEqual(5, ring.Latest);
    }

    [TestMethod]
    public void Render_Samples_ScalesToLargestVisible()
    {
        var spark = new Sparkline(new HistoryRing(100));
        foreach (var v in new double[] { 0, 1, 2, 3, 4, 5, 6, 7 })
            spark.History.Add(v);
        Assert.AreEqual("▁▂▃▄▅▆▇█", spark.Render(8));
    }

    [TestMethod]
    public void Render_FewerSamplesThanWidth_PadsLeftAndBlanksUnknown()
    {
        var spark = new Sparkline(new HistoryRing(100));
        spark.History.Add(10);
        spark.History.Add(double.NaN);
        spark.History.Add(0);
        Assert.AreEqual("  █ ▁", spark.Render(5));
    }

    [TestMethod]
    public void Render_NarrowWindow_ScalesToVisibleSamplesOnly()
    {
        var spark = new Sparkline(new HistoryRing(100));
        foreach (var v in new double[] { 1000, 1, 2 })
            spark.History.Add(v);
        Assert.AreEqual("▅█", spark.Render(2)); // the 1000 scrolled out of view
    }

    [TestMethod]
    public void Render_ZeroWidth_IsEmpty() =>
        Assert.AreEqual("", new Sparkline(new HistoryRing(4)).Render(0));
}
