using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Reports;

/// <summary>The one results schema: what the export writes is what reports read, through the same records.</summary>
[TestClass]
public sealed class RunDocumentTests
{
    [TestMethod]
    public async Task Load_RealRunsFile_ReadsBackWhatWasWrittenIntoTheReport()
    {
        await using var server = await TestServers.StartAsync();
        var options = TestServers.FastBots(server.Port);
        await using var engine = new BotEngine(options, TestServers.FastEngine);
        engine.Start(4, TimeSpan.FromSeconds(2));
        await Wait.ForAsync(engine.RunCompletion, TimeSpan.FromSeconds(20), "run ends");
        await engine.DisposeAsync();
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "results.json");
        var artifacts = new RunArtifacts(options);
        var written = artifacts.Report(engine.Latest);
        Assert.IsTrue((await RunExporter.WriteJsonAsync(path, written)).Success);

        // write -> typed read: every field comes back, and writing it again gives the same bytes.
        var doc = RunDocument.Load(path, out var error) ?? throw new AssertFailedException(error!);
        var text = await File.ReadAllTextAsync(path);
        Assert.AreEqual(text, JsonSerializer.Serialize(doc.Report, RunReportJsonContext.Relaxed.RunReport));
        Assert.IsGreaterThan(0L, doc.Report.MessagesSent!.Value, "the bots chatted");
        Assert.AreEqual(written.MessagesSent, doc.Report.MessagesSent);
        Assert.AreEqual(written.Latency!.P99, doc.Report.Latency!.P99);
        Assert.AreEqual($"127.0.0.1:{server.Port}", doc.Target);
        Assert.AreEqual(RunReportBuilder.KeyDigest(options.Protocol.Key), doc.Report.Run!.Options!.KeySha256);
        Assert.HasCount(written.Timeline!.Count, doc.Timeline);
        Assert.HasCount(4, doc.Bots);

        // typed read -> report model: the figures are the file's, and a file this tool wrote lacks nothing the summary lists.
        var model = RunReportModel.Build(doc);
        Assert.AreEqual(ReportFormat.Count(written.MessagesSent), model.Figures.Single(f => f.Label == "Messages sent").Value);
        Assert.AreEqual(ReportFormat.Ms(written.Latency.P99), model.Figures.Single(f => f.Label == "Chat echo p99").Value);
        var summary = model.Sections.Single(s => s.Id == "summary").Tables.Single();
        Assert.IsFalse(summary.Rows.Any(r => r[1].Text == ReportFormat.NotRecorded), string.Join(", ", summary.Rows.Where(r => r[1].Text == ReportFormat.NotRecorded).Select(r => r[0].Text)));
        var environment = model.Sections.Single(s => s.Id == "environment").Tables.Single();
        Assert.AreEqual(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), environment.Rows.Single(r => r[0].Text == "Port")[1].Text);
        Assert.AreEqual(RunReportBuilder.KeyDigest(options.Protocol.Key), environment.Rows.Single(r => r[0].Text == "options.key_sha256")[1].Text);
        CollectionAssert.IsSubsetOf(new[] { "bots-online", "latency-chat", "messages", "bytes", "errors" }, model.Sections.SelectMany(s => s.Charts).Select(c => c.Id).ToArray());
    }

    [TestMethod]
    public void Build_RenamedAndMissingFields_ReportedAsNotRecorded()
    {
        var root = JsonNode.Parse(File.ReadAllText(Fixtures.Path("new-format.json")))!.AsObject();
        // A renamed top-level field, a renamed field inside a section, a missing section and a field nobody knows.
        root["peak_online_bots"] = root["peak_connected_bots"]!.DeepClone();
        root.Remove("peak_connected_bots");
        root["delivery"]!.AsObject().Remove("lost");
        root.Remove("totals");
        root["run"]!["options"]!["chat_interval_s"] = root["run"]!["options"]!["chat_interval_min_s"]!.DeepClone();
        root["run"]!["options"]!.AsObject().Remove("chat_interval_min_s");
        root["capacity"] = JsonNode.Parse("""{"answer": "holds 40 bots", "holds_bot": 40, "steps": [{"step": 1, "bots": 40, "passed": true}]}""");
        root["something_new"] = new JsonObject { ["x"] = 1 };
        var doc = RunDocument.Parse(root.ToJsonString(), "renamed.json", out var error) ?? throw new AssertFailedException(error!);

        Assert.IsNull(doc.Report.PeakConnectedBots);
        Assert.IsNull(doc.Report.Totals);
        Assert.IsNull(doc.Report.Capacity!.HoldsBots);
        var model = RunReportModel.Build(doc);
        Assert.AreEqual("—", model.Figures.Single(f => f.Label == "Peak online").Value);
        Assert.AreEqual("—", model.Figures.Single(f => f.Label == "Lost messages").Value);
        var summary = model.Sections.Single(s => s.Id == "summary").Tables.Single();
        foreach (var field in new[] { "peak_connected_bots", "totals.connects", "totals.bytes_sent" })
            Assert.AreEqual(ReportFormat.NotRecorded, summary.Rows.Single(r => r[0].Text == field)[1].Text, field);
        Assert.AreNotEqual(ReportFormat.NotRecorded, summary.Rows.Single(r => r[0].Text == "messages_sent")[1].Text);
        var delivery = model.Sections.Single(s => s.Id == "delivery").Tables.Single();
        Assert.AreEqual(ReportFormat.NotRecorded, delivery.Rows.Single(r => r[0].Text == "lost")[1].Text);
        var environment = model.Sections.Single(s => s.Id == "environment").Tables.Single();
        Assert.AreEqual(ReportFormat.NotRecorded, environment.Rows.Single(r => r[0].Text == "options.chat_interval_min_s")[1].Text);
        var capacity = model.Sections.Single(s => s.Id == "capacity");
        Assert.IsFalse(capacity.Charts.SelectMany(c => c.Markers).Any(), "no answer marked from a renamed holds_bots");
        var comparison = RunComparison.Compare(doc, doc);
        Assert.IsFalse(comparison.Rows.Any(r => r.Figure == "capacity found (bots)"), "no capacity is made up from a renamed holds_bots");
        Assert.AreEqual(Verdict.NotComparable, comparison.Rows.Single(r => r.Figure == "peak online").Verdict);
    }
}
