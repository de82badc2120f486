using System.Text.RegularExpressions;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Tests.Reports;

[TestClass]
public sealed partial class RunReportModelTests
{
    private static IEnumerable<string> Notes(ReportModel model) => model.Sections.SelectMany(s => s.Notes);

    private static IEnumerable<string> ChartIds(ReportModel model) => model.Sections.SelectMany(s => s.Charts).Select(c => c.Id);

    [TestMethod]
    public void Build_NewFormat_DrawsEveryChartItCarries()
    {
        var model = RunReportModel.Build(Fixtures.Load("new-format.json"));
        CollectionAssert.IsSubsetOf(
            new[] { "bots-online", "latency-chat", "latency-ping", "latency-fanout", "latency-spectrum", "messages", "bytes", "errors", "server-cpu", "server-threads" },
            ChartIds(model).ToArray());
        var bots = model.Sections.Single(s => s.Id == "bots").Charts.Single();
        CollectionAssert.IsSubsetOf(new[] { "connecting", "registering", "online", "failed", "target" }, bots.Series.Select(s => s.Label).ToArray());
        Assert.IsTrue(bots.Series.Where(s => s.Label != "target").All(s => s.Stack), "states are stacked");
        var spectrum = model.Sections.SelectMany(s => s.Charts).Single(c => c.Id == "latency-spectrum");
        Assert.AreEqual("percentile", spectrum.XKind);
        Assert.HasCount(3, spectrum.Series, "chat, ping and fan-out histograms");
        Assert.IsFalse(Notes(model).Any(n => n.Contains("Bytes per second") || n.Contains("histograms")), string.Join(" | ", Notes(model)));
    }

    [TestMethod]
    public void Build_OldFormat_SaysWhatIsNotRecordedAndInventsNothing()
    {
        var model = RunReportModel.Build(Fixtures.Load("old-format.json"));
        var notes = string.Join(" | ", Notes(model));
        foreach (var missing in new[] { "Bytes per second: not recorded", "Latency histograms: not recorded", "Bot states per second: not recorded",
            "Errors per second by class: not recorded", "Server resources: not recorded", "Thresholds: not recorded", "Capacity search: not recorded",
            "Chat echo p90 and max per second: not recorded" })
            StringAssert.Contains(notes, missing);
        Assert.DoesNotContain("latency-spectrum", ChartIds(model).ToList());
        Assert.DoesNotContain("bytes", ChartIds(model).ToList());
        // The older rows' chat p50/p99 are drawn; a second without echoes (0 in the file) is a gap, not 0 ms.
        var chat = model.Sections.SelectMany(s => s.Charts).Single(c => c.Id == "latency-chat");
        CollectionAssert.AreEqual(new[] { "p50", "p99" }, chat.Series.Select(s => s.Label).ToArray());
        Assert.IsFalse(chat.Series.SelectMany(s => s.Values).Any(v => v == 0));
        var summary = model.Sections.Single(s => s.Id == "summary").Tables.Single();
        var testRunning = summary.Rows.Single(r => r[0].Text == "test_running");
        Assert.AreEqual(ReportFormat.NotRecorded, testRunning[1].Text);
        var environment = model.Sections.Single(s => s.Id == "environment").Tables.Single();
        Assert.AreEqual(ReportFormat.NotRecorded, environment.Rows.Single(r => r[0].Text == "machine")[1].Text);
        var busiest = model.Sections.Single(s => s.Id == "bot-details").Tables[0];
        Assert.IsTrue(busiest.Rows.All(r => r[7].Text == "not recorded" && r[8].Text == "not recorded"), "connected and pending_pings are not in the old file");
    }

    [TestMethod]
    public void Render_OldFormat_IsAWholePageWithoutNetworkReferences()
    {
        var html = HtmlReportWriter.Render(RunReportModel.Build(Fixtures.Load("old-format.json")));
        StringAssert.StartsWith(html, "<!doctype html>");
        StringAssert.Contains(html, "default-src 'none'");
        Assert.IsFalse(Regex.IsMatch(html, @"<(link|img|iframe|object|embed)\b|\bsrc\s*=", RegexOptions.IgnoreCase), "no element loads anything");
        StringAssert.Contains(html, "@media (prefers-color-scheme: dark)");
        StringAssert.Contains(html, "@media print");
    }

    [TestMethod]
    public void Render_HostileNames_CannotCloseAnElementOrStartAScript()
    {
        var html = HtmlReportWriter.Render(RunReportModel.Build(Fixtures.Load("hostile.json")));
        Assert.HasCount(3, ScriptTag().Matches(html), "the data block, uPlot and the report script: nothing more");
        Assert.HasCount(3, Regex.Matches(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<!--", html);
        Assert.DoesNotContain("<svg", html);
        Assert.DoesNotContain("<b onmouseover", html);
        StringAssert.Contains(html, "&lt;/script&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
        // The threshold verdicts are read from the file's booleans.
        StringAssert.Contains(html, "<td class=\"good\">pass</td>");
        StringAssert.Contains(html, "<td class=\"bad\">fail</td>");
    }

    [TestMethod]
    public void Render_ContentSecurityPolicy_AllowsExactlyTheInlineScripts()
    {
        var html = HtmlReportWriter.Render(RunReportModel.Build(Fixtures.Load("new-format.json")));
        var policy = Regex.Match(html, "Content-Security-Policy\" content=\"([^\"]+)\"").Groups[1].Value;
        var scripts = Regex.Matches(html, "<script>(.*?)</script>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.HasCount(2, scripts);
        foreach (var script in scripts)
        {
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
            StringAssert.Contains(policy, $"'sha256-{hash}'");
        }
        Assert.DoesNotContain("unsafe-inline' 'sha", policy);
        StringAssert.Contains(policy, "default-src 'none'");
    }

    [TestMethod]
    [DataRow("not json at all", "is not JSON")]
    [DataRow("[1, 2, 3]", "is not a load test run result")]
    [DataRow("{}", "is not a load test run result")]
    [DataRow("{\"elapsed_time\": 3, \"messages_sent\": 1}", "is not a load test run result")]
    [DataRow("{\"target\": {}, \"interval\": 1, \"samples\": []}", "is not a load test run result")]
    public void Parse_NotARunResult_OneLineReason(string json, string expected)
    {
        Assert.IsNull(RunDocument.Parse(json, "x.json", out var error));
        StringAssert.Contains(error, expected);
        StringAssert.Contains(error, "'x.json'");
        Assert.DoesNotContain("\n", error!);
    }

    [GeneratedRegex("<script[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
