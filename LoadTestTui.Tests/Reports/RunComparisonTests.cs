using LoadTestTui.Core.Reports;

namespace LoadTestTui.Tests.Reports;

[TestClass]
public sealed class RunComparisonTests
{
    private static ComparisonRow Row(RunComparison c, string figure) => c.Rows.Single(r => r.Figure == figure);

    private static RunDocument WithCapacity(int holds, string name)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixtures.Path("new-format.json")))!.AsObject();
        root["capacity"] = new System.Text.Json.Nodes.JsonObject { ["answer"] = $"holds {holds} bots", ["holds_bots"] = holds, ["steps"] = new System.Text.Json.Nodes.JsonArray() };
        return RunDocument.Parse(root.ToJsonString(), name, out var error) ?? throw new AssertFailedException(error!);
    }

    [TestMethod]
    [DataRow(1840, 1500, Verdict.Worse)]
    [DataRow(1500, 1840, Verdict.Better)]
    [DataRow(1840, 1840, Verdict.Same)]
    public void Compare_CapacityFound_HigherIsBetter(int before, int after, Verdict expected)
    {
        var row = Row(RunComparison.Compare(WithCapacity(before, "a.json"), WithCapacity(after, "b.json")), "capacity found (bots)");
        Assert.AreEqual((double)before, row.Base);
        Assert.AreEqual((double)after, row.New);
        Assert.AreEqual(expected, row.Verdict);
    }

    [TestMethod]
    public void Compare_FileWithItself_NothingBetterOrWorse()
    {
        var doc = Fixtures.Load("new-format.json");
        var comparison = RunComparison.Compare(doc, doc);
        Assert.IsFalse(comparison.Rows.Any(r => r.Verdict is Verdict.Better or Verdict.Worse), string.Join("; ", comparison.Rows));
        Assert.IsFalse(comparison.Regressed);
        Assert.IsTrue(Row(comparison, "Chat echo p99").Noise.StartsWith("95 % CI", StringComparison.Ordinal), "latency noise comes from the histograms");
    }

    [TestMethod]
    [DataRow(1500, 3000, "worse")]
    [DataRow(500, 1000, "better")]
    [DataRow(1002, 2004, "same")]
    public void Compare_ShiftedChatLatency_VerdictFromHistogramNoise(int from, int to, string expected)
    {
        var a = Fixtures.WithChatHistogram(Fixtures.Uniform(1000, 2000, 5000), "base.json");
        var b = Fixtures.WithChatHistogram(Fixtures.Uniform(from, to, 5000), "new.json");
        var comparison = RunComparison.Compare(a, b);
        foreach (var p in new[] { "p50", "p90", "p99" })
            Assert.AreEqual(expected, ComparisonReportModel.VerdictText(Row(comparison, $"Chat echo {p}").Verdict).Split(' ')[0], p);
        if (expected == "worse")
            Assert.IsTrue(comparison.Regressed);
    }

    [TestMethod]
    public void Compare_OneOutlierAmongFewSamples_TailPercentileSameWithinNoise()
    {
        // 20 echoes: p99 rests on the largest few, so one slow echo is within the noise, not a regression.
        var slowest = Fixtures.Uniform(1000, 2000, 19);
        slowest.RecordValue(4000);
        var a = Fixtures.WithChatHistogram(Fixtures.Uniform(1000, 2000, 20));
        var b = Fixtures.WithChatHistogram(slowest);
        var row = Row(RunComparison.Compare(a, b), "Chat echo p99");
        Assert.IsGreaterThan(1.5, row.New!.Value - row.Base!.Value, "p99 itself moved by 2 ms");
        Assert.AreEqual(Verdict.Same, row.Verdict, row.Noise);
    }

    [TestMethod]
    public void Compare_Tolerance_ReplacesTheNoiseBand()
    {
        var a = Fixtures.WithChatHistogram(Fixtures.Uniform(1000, 2000, 5000));
        var b = Fixtures.WithChatHistogram(Fixtures.Uniform(1500, 3000, 5000));
        var loose = RunComparison.Compare(a, b, tolerancePercent: 60);
        Assert.AreEqual(Verdict.Same, Row(loose, "Chat echo p50").Verdict);
        StringAssert.Contains(Row(loose, "Chat echo p50").Noise, "±60 % (tolerance)");
        Assert.AreEqual(Verdict.Worse, Row(RunComparison.Compare(a, b, tolerancePercent: 10), "Chat echo p50").Verdict);
    }

    [TestMethod]
    public void Compare_OldFormatAgainstNew_FallsBackAndSaysSo()
    {
        var comparison = RunComparison.Compare(Fixtures.Load("old-format.json"), Fixtures.Load("new-format.json"));
        StringAssert.Contains(Row(comparison, "Chat echo p50").Noise, "no histogram");
        Assert.AreEqual(Verdict.NotComparable, Row(comparison, "CPU (mean %)").Verdict, "the old run had no monitored server");
        Assert.IsFalse(comparison.Rows.Any(r => r.Figure.StartsWith("Registration", StringComparison.Ordinal)), "a kind neither file has is not listed");
    }

    [TestMethod]
    [DataRow(0, 0, "same")]
    [DataRow(0, 2, "same")]
    [DataRow(0, 40, "worse")]
    [DataRow(40, 0, "better")]
    public void Compare_ErrorCounts_PoissonNoise(int baseErrors, int newErrors, string expected)
    {
        var a = WithErrors(baseErrors);
        var b = WithErrors(newErrors);
        Assert.AreEqual(expected, ComparisonReportModel.VerdictText(Row(RunComparison.Compare(a, b), "errors per second").Verdict).Split(' ')[0]);
    }

    private static RunDocument WithErrors(int count)
    {
        var json = File.ReadAllText(Fixtures.Path("new-format.json")).Replace("\"error_count\": 0", $"\"error_count\": {count}", StringComparison.Ordinal);
        return RunDocument.Parse(json, "errors.json", out var error) ?? throw new AssertFailedException(error!);
    }

    [TestMethod]
    public void Compare_DifferentTargets_ComparedWithATargetNote()
    {
        var a = Fixtures.Load("new-format.json");
        var b = Fixtures.WithChatHistogram(Fixtures.Uniform(1000, 2000, 100), "other.json", host: "127.0.0.2");
        var comparison = RunComparison.Compare(a, b);
        CollectionAssert.AreEqual(new[] { $"targets differ: A {a.Target}, B 127.0.0.2:{a.Report.Run!.Port}" }, comparison.Notes.ToList());
        Assert.IsEmpty(RunComparison.Compare(a, a).Notes);
        StringAssert.Contains(string.Join(" | ", ComparisonReportModel.Build(comparison).Sections.Single(s => s.Id == "verdicts").Notes), "targets differ");
    }
}
