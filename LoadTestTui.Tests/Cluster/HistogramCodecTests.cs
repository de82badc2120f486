using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Cluster;

[TestClass]
public sealed class HistogramCodecTests
{
    [TestMethod]
    public void EncodeDecodeAdd_TwoAgentsIntervals_EqualOneHistogramOfAllValues()
    {
        var random = new Random(7);
        
        var whole = LatencyRecorder.NewHistogram();
        var merged = HistogramCodec.Empty();
        for (var agent = 0; agent < 2; agent++)
        {
            for (var interval = 0; interval < 5; interval++)
            {
                var part = LatencyRecorder.NewHistogram();
                for (var i = 0; i < 1000; i++)
                {
                    var micros = (long)(Math.Exp(random.NextDouble() * 12) * (agent + 1));
                    part.RecordValue(micros);
                    whole.RecordValue(micros);
                }
                Assert.IsTrue(HistogramCodec.TryAddTo(merged, HistogramCodec.Encode(part), out var problem), problem);
            }
        }
        Assert.AreEqual(whole.TotalCount, merged.TotalCount);
        Assert.AreEqual(LatencyRecorder.Summarize(whole), LatencyRecorder.Summarize(merged), "merged percentiles are exact");
    }

    [TestMethod]
    public void Encode_EmptyHistogram_Null() => Assert.IsNull(HistogramCodec.Encode(LatencyRecorder.NewHistogram()));

    [TestMethod]
    public void TryDecode_Garbage_NullWithReason()
    {
        Assert.IsNull(HistogramCodec.TryDecode([1, 2, 3, 4, 5, 6, 7, 8, 9], out var problem));
        Assert.IsNotNull(problem);
    }
}
