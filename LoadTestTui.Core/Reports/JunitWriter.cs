using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// A results file as JUnit XML, where CI systems look for test results: one test case per
/// threshold (and one for a capacity search's verdict), a failing one carrying its measured value.
/// A threshold without data is an error (nothing was measured), not a failure. A pure function of
/// the results records; see docs/formats.md.
/// </summary>
public static class JunitWriter
{
    public const string ThresholdClass = "loadtest.thresholds";
    public const string CapacityClass = "loadtest.capacity";

    public static XDocument Build(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cases = (report.Thresholds ?? []).Select(Case).ToList();
        if (report.Capacity is { } capacity)
            cases.Add(Case(capacity));
        var failures = cases.Count(c => c.Element("failure") is not null);
        var errors = cases.Count(c => c.Element("error") is not null);
        var time = Seconds(report.ElapsedTime ?? 0);
        var run = report.Run;
        var hostName = run?.Machine?.HostName is { Length: > 0 } machine ? machine : "localhost";
        var started = run?.StartedAt ?? run?.WrittenAt ?? DateTimeOffset.UnixEpoch;
        var suite = new XElement("testsuite",
            new XAttribute("name", $"loadtest {run?.Host}:{run?.Port}"),
            new XAttribute("id", 0),
            new XAttribute("package", "loadtest"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", 0),
            new XAttribute("time", time),
            // JUnit's timestamp has no offset: UTC, to the second.
            new XAttribute("timestamp", started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XAttribute("hostname", hostName),
            Properties(report),
            cases,
            new XElement("system-out", SystemOut(report)),
            new XElement("system-err", ""));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "loadtest"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", failures),
                new XAttribute("errors", errors),
                new XAttribute("skipped", 0),
                new XAttribute("time", time),
                suite));
    }

    /// <summary>The XML text, UTF-8 with its declaration.</summary>
    public static string Write(RunReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
            Build(report).Save(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Task<ExportResult> WriteAsync(string path, RunReport report, CancellationToken cancellationToken = default)
    {
        var text = Write(report);
        return AtomicFile.WriteAsync(path, stream => stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(), cancellationToken);
    }

    private static XElement Case(ThresholdReport t)
    {
        var element = new XElement("testcase", new XAttribute("name", t.Expression ?? "threshold"), new XAttribute("classname", ThresholdClass), new XAttribute("time", 0));
        var detail = $"{t.Expression}: {ThresholdText.Measured(t)} (metric {t.Metric}{(t.Abort == true ? ", abort" : "")})";
        if (t.Measured is null)
            element.Add(new XElement("error", new XAttribute("message", $"no data for {t.Metric}"), new XAttribute("type", "NoData"), detail));
        else if (t.Passed != true)
            element.Add(new XElement("failure", new XAttribute("message", ThresholdText.Measured(t)), new XAttribute("type", "ThresholdFailed"), detail));
        return element;
    }

    private static XElement Case(CapacityReport c)
    {
        var element = new XElement("testcase", new XAttribute("name", $"capacity within SLO: {string.Join(", ", c.Slo ?? [])}"),
            new XAttribute("classname", CapacityClass), new XAttribute("time", 0));
        if (c.HoldsBots is null)
            element.Add(new XElement("failure", new XAttribute("message", c.Answer ?? "no answer recorded"), new XAttribute("type", "CapacityNotFound"), Steps(c)));
        else
            element.Add(new XElement("system-out", $"{c.Answer}\n{Steps(c)}"));
        return element;
    }

    private static string Steps(CapacityReport c) => string.Join("\n", (c.Steps ?? []).Select(s =>
        $"step {s.Step}: {s.Bots} bots, {s.Online} online: {(s.Passed == true ? "passed" : "failed: " + string.Join("; ", s.Failures ?? []))}"));

    private static XElement Properties(RunReport r)
    {
        var values = new (string Name, object? Value)[]
        {
            ("run_id", r.Run?.RunId), ("host", r.Run?.Host), ("port", r.Run?.Port), ("state", r.Run?.State),
            ("tool_version", r.Run?.ToolVersion), ("target_bots", r.Run?.TargetBots), ("peak_connected_bots", r.PeakConnectedBots),
            ("messages_sent", r.MessagesSent), ("messages_received", r.MessagesReceived), ("error_count", r.ErrorCount),
            ("echo_p99_ms", r.Latency?.P99),
            ("messages_sent_avg_per_s", r.Rates?.MessagesSent.AveragePerSecond), ("messages_received_avg_per_s", r.Rates?.MessagesReceived.AveragePerSecond),
        };
        return new XElement("properties", values.Where(v => v.Value is not null).Select(v =>
            new XElement("property", new XAttribute("name", v.Name), new XAttribute("value", Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? ""))));
    }

    private static string SystemOut(RunReport r)
    {
        var passed = (r.Thresholds ?? []).Count(t => t.Passed == true);
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.MessagesSent} messages sent, {r.MessagesReceived} received, {r.ErrorCount} errors in {r.ElapsedTime:0.###} s; peak {r.PeakConnectedBots} bots online; {passed} of {(r.Thresholds ?? []).Count} thresholds passed");
    }

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
