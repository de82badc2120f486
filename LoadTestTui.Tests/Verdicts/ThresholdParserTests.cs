using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Tests.Verdicts;

[TestClass]
public sealed class ThresholdParserTests
{
    [TestMethod]
    [DataRow("echo.p99 < 200ms", "echo.p99", Comparison.Less, 200.0, 0.0)]
    [DataRow("echo.p99<0.5s", "echo.p99", Comparison.Less, 500.0, 0.0)]
    [DataRow("ping.p99.9 <= 1500us", "ping.p99.9", Comparison.LessOrEqual, 1.5, 0.0)]
    [DataRow("errors.rate < 1%", "errors.rate", Comparison.Less, 0.01, 0.0)]
    [DataRow("errors.rate < 0.01", "errors.rate", Comparison.Less, 0.01, 0.0)]
    [DataRow("delivery.lost == 0", "delivery.lost", Comparison.Equal, 0.0, 0.0)]
    [DataRow("delivery.lost = 0 over 30s", "delivery.lost", Comparison.Equal, 0.0, 30.0)]
    [DataRow("server.cpu.max < 80%", "server.cpu.max", Comparison.Less, 80.0, 0.0)]
    [DataRow("server.memory.max < 1.5GB", "server.memory.max", Comparison.Less, 1536.0, 0.0)]
    [DataRow("online.ratio >= 99% over 30s", "online.ratio", Comparison.GreaterOrEqual, 0.99, 30.0)]
    [DataRow("throughput.received > 500/s over 1m", "throughput.received", Comparison.Greater, 500.0, 60.0)]
    [DataRow("ERRORS.RESPONSE_TIMEOUT != 3", "errors.response_timeout", Comparison.NotEqual, 3.0, 0.0)]
    [DataRow("fanout.max < 2 s", "fanout.max", Comparison.Less, 2000.0, 0.0)]
    [DataRow("registration.p99 < 1s over 30s", "registration.p99", Comparison.Less, 1000.0, 30.0)]
    [DataRow("connect.p50 < 5ms", "connect.p50", Comparison.Less, 5.0, 0.0)]
    public void TryParse_Valid_GivesMetricOpLimitWindow(string text, string metric, Comparison op, double limit, double window)
    {
        Assert.IsTrue(ThresholdParser.TryParse(text, out var threshold, out var problem), problem);
        Assert.AreEqual(metric, threshold!.Metric.Name);
        Assert.AreEqual(op, threshold.Comparison);
        Assert.AreEqual(limit, threshold.Limit, 1e-9);
        Assert.AreEqual(window, threshold.Window?.TotalSeconds ?? 0);
    }

    [TestMethod]
    [DataRow("echo.p99", "must be METRIC OP VALUE")]
    [DataRow("echo.p99 < fast", "must be METRIC OP VALUE")]
    [DataRow("echo.99 < 200ms", "did you mean 'echo.p99'?")]
    [DataRow("eror.rate < 1%", "did you mean 'errors.rate'?")]
    [DataRow("server.cpu.mx < 80%", "did you mean 'server.cpu.max'?")]
    [DataRow("echo.p99 < 5%", "a latency: use ms, s or us")]
    [DataRow("errors.rate < 200ms", "a ratio")]
    [DataRow("online.ratio >= 99", "write 99% or 0.99")]
    [DataRow("delivery.lost == 0 over forever", "must be a duration")]
    [DataRow("delivery.lost == 0 over 2h", "must be a duration up to 15m")]
    [DataRow("delivery.lost == 0ms", "a count")]
    public void TryParse_Invalid_SaysWhy(string text, string expected)
    {
        Assert.IsFalse(ThresholdParser.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem!);
    }

    [TestMethod]
    public void TryParse_AbortAndGrace_AreKept()
    {
        Assert.IsTrue(ThresholdParser.TryParse("errors.rate < 5%", out var threshold, out _, abort: true, grace: TimeSpan.FromSeconds(10)));
        Assert.IsTrue(threshold!.Abort);
        Assert.AreEqual(TimeSpan.FromSeconds(10), threshold.Grace);
        Assert.IsFalse(ThresholdParser.TryParse("errors.rate < 5%", out _, out var problem, abort: true, grace: TimeSpan.FromSeconds(-1)));
        Assert.Contains("grace", problem!);
    }

    [TestMethod]
    public void Catalog_Names_AreUniqueAndLowercase()
    {
        var names = MetricCatalog.All.Select(m => m.Name).ToList();
        Assert.HasCount(names.Count, names.Distinct());
        Assert.IsTrue(names.All(n => n == n.ToLowerInvariant()));
        Assert.IsNotNull(MetricCatalog.Find("errors.connect_refused"));
    }
}
