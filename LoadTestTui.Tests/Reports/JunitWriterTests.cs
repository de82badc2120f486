using System.Xml.Linq;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Reports;

[TestClass]
public sealed class JunitWriterTests
{
    internal static RunReport Report(IReadOnlyList<ThresholdReport>? thresholds = null, CapacityReport? capacity = null) =>
        RunReportBuilder.Build(SnapshotBuilder.Engine(state: RunState.Stopped, sent: 166, received: 830) with { StartedAt = SnapshotBuilder.Epoch }, BotOptions.Default) with
        {
            Thresholds = thresholds,
            Capacity = capacity,
        };

    internal static readonly ThresholdReport Failing = new("echo.p99 < 200ms", "echo.p99", "milliseconds", "<", 200, null, false, 0, 257.151, false);
    internal static readonly ThresholdReport Passing = new("errors.rate < 5%", "errors.rate", "ratio", "<", 0.05, 60, false, 0, 0.012, true);
    private static readonly ThresholdReport NoData = new("ping.p99 < 50ms", "ping.p99", "milliseconds", "<", 50, null, false, 0, null, false);

    [TestMethod]
    public void Build_Thresholds_OneCaseEach_FailureCarriesMeasured_NoDataIsAnError()
    {
        var suites = XDocument.Parse(JunitWriter.Write(Report([Failing, Passing, NoData]))).Root!;
        Assert.AreEqual("testsuites", suites.Name.LocalName);
        var suite = suites.Element("testsuite")!;
        Assert.AreEqual("3", (string?)suite.Attribute("tests"));
        Assert.AreEqual("1", (string?)suite.Attribute("failures"));
        Assert.AreEqual("1", (string?)suite.Attribute("errors"));
        Assert.AreEqual("0", (string?)suite.Attribute("skipped"));
        Assert.AreEqual("83.000", (string?)suite.Attribute("time"));
        Assert.AreEqual("2026-01-02T03:04:05", (string?)suite.Attribute("timestamp"));
        var cases = suite.Elements("testcase").ToList();
        CollectionAssert.AreEqual(new[] { "echo.p99 < 200ms", "errors.rate < 5%", "ping.p99 < 50ms" }, cases.Select(c => (string?)c.Attribute("name")).ToList());
        Assert.IsTrue(cases.All(c => (string?)c.Attribute("classname") == JunitWriter.ThresholdClass));
        Assert.AreEqual("measured 257.151 ms, limit < 200 ms", (string?)cases[0].Element("failure")!.Attribute("message"));
        Assert.IsEmpty(cases[1].Elements().ToList(), "a passing threshold is a bare test case");
        Assert.AreEqual("no data for ping.p99", (string?)cases[2].Element("error")!.Attribute("message"));
        Assert.AreEqual("166", suite.Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "messages_sent").Attribute("value")!.Value);
    }

    [TestMethod]
    public void Build_Capacity_VerdictIsOneCase_FailingWithoutAnAnswer()
    {
        CapacityReport Capacity(int? holds) => new(holds is null ? "even 10 bots failed" : $"holds {holds} bots", holds, 20, "echo.p99 300 ms >= 200 ms",
            false, null, 10, 100, 0.05, ["echo.p99 < 200ms"],
            [new CapacityStepReport(1, 10, 10, 0, 5, new Dictionary<string, double?> { ["echo.p99"] = 300 }, null, null, false, ["echo.p99 300 ms >= 200 ms"])]);

        var failed = XDocument.Parse(JunitWriter.Write(Report(capacity: Capacity(null)))).Root!.Element("testsuite")!;
        var verdict = failed.Elements("testcase").Single();
        Assert.AreEqual(JunitWriter.CapacityClass, (string?)verdict.Attribute("classname"));
        Assert.AreEqual("capacity within SLO: echo.p99 < 200ms", (string?)verdict.Attribute("name"));
        Assert.AreEqual("even 10 bots failed", (string?)verdict.Element("failure")!.Attribute("message"));
        Assert.AreEqual("1", (string?)failed.Attribute("failures"));

        var held = XDocument.Parse(JunitWriter.Write(Report(capacity: Capacity(40)))).Root!.Element("testsuite")!;
        Assert.IsNull(held.Element("testcase")!.Element("failure"));
        Assert.AreEqual("0", (string?)held.Attribute("failures"));
    }

    [TestMethod]
    public void Build_NoThresholds_EmptySuiteStillValid()
    {
        var suite = XDocument.Parse(JunitWriter.Write(Report())).Root!.Element("testsuite")!;
        Assert.AreEqual("0", (string?)suite.Attribute("tests"));
        Assert.IsNotNull(suite.Element("system-out"));
    }
}
