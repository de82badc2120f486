using HdrHistogram;
using LoadTestTui.Core.Export;
using LoadTestTui.Tests.Reports;

namespace LoadTestTui.Tests.Export;

[TestClass]
public sealed class HistogramCodecTests
{
    [TestMethod]
    public void EncodeThenDecode_SameCountsAndPercentiles()
    {
        var original = Fixtures.Uniform(120, 48_000, 3000);
        original.RecordValue(3_000_000);
        Assert.IsTrue(HistogramCodec.TryDecode(HistogramCodec.Encode(original), out var decoded));
        Assert.AreEqual(original.TotalCount, decoded!.TotalCount);
        foreach (var p in new[] { 0.0, 50, 90, 99, 99.9, 100 })
            Assert.AreEqual(original.GetValueAtPercentile(p), decoded.GetValueAtPercentile(p), $"p{p}");
    }

    [TestMethod]
    public void DecodedHistograms_MergeExactly()
    {
        var (a, b) = (Fixtures.Uniform(100, 900, 500), Fixtures.Uniform(5000, 9000, 700));
        HistogramCodec.TryDecode(HistogramCodec.Encode(a), out var da);
        HistogramCodec.TryDecode(HistogramCodec.Encode(b), out var db);
        var merged = new LongHistogram(1, 3_600_000_000, 3);
        merged.Add(da!);
        merged.Add(db!);
        var direct = new LongHistogram(1, 3_600_000_000, 3);
        direct.Add(a);
        direct.Add(b);
        Assert.AreEqual(direct.TotalCount, merged.TotalCount);
        foreach (var p in new[] { 10.0, 50, 70, 99 })
            Assert.AreEqual(direct.GetValueAtPercentile(p), merged.GetValueAtPercentile(p));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(null)]
    [DataRow("not base64 !!")]
    [DataRow("AAAAAAAAAAAAAAAA")]
    [DataRow("SElTVEZBQUFBQ")]
    public void TryDecode_Garbage_FalseWithoutThrowing(string? text) =>
        Assert.IsFalse(HistogramCodec.TryDecode(text, out _));

    [TestMethod]
    public void Encode_Empty_EmptyText() => Assert.AreEqual("", HistogramCodec.Encode(new LongHistogram(1, 1000, 3)));
}
