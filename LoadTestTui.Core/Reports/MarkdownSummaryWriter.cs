using System.Globalization;
using System.Text;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// A results file as a short Markdown summary for CI step summaries (GitHub's
/// <c>$GITHUB_STEP_SUMMARY</c>): the key figures as a table, each threshold with its verdict, a
/// capacity search's answer, and a link to the HTML report. A pure function of the results records.
/// </summary>
public static class MarkdownSummaryWriter
{
    /// <param name="reportLink">The HTML report, relative to where the Markdown goes (see <see cref="RelativeLink"/>); null: no link.</param>
    public static string Write(RunReport report, string? reportLink = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var ci = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var run = report.Run;
        md.AppendLine(ci, $"## Load test {Cell(run?.Host)}:{run?.Port}{(run?.RunId is { Length: > 0 } id ? $" (run {Cell(id)})" : "")}");
        md.AppendLine();
        if (report.Thresholds is { Count: > 0 } thresholds)
        {
            var failed = thresholds.Count(t => t.Passed != true);
            md.AppendLine(failed == 0 ? $"**All {thresholds.Count} thresholds passed.**" : $"**{failed} of {thresholds.Count} thresholds failed.**");
            md.AppendLine();
        }
        if (report.Capacity is { } capacity)
        {
            md.AppendLine(ci, $"**Capacity:** {Cell(capacity.Answer)}");
            md.AppendLine();
        }
        md.AppendLine("| Figure | Value |");
        md.AppendLine("|---|---|");
        foreach (var (name, value) in Figures(report))
            md.AppendLine(ci, $"| {name} | {Cell(value)} |");
        if (report.Thresholds is { Count: > 0 })
        {
            md.AppendLine();
            md.AppendLine("### Thresholds");
            md.AppendLine();
            foreach (var t in report.Thresholds)
                md.AppendLine(ci, $"- {(t.Passed == true ? "✅ PASS" : "❌ FAIL")} `{t.Expression}`: {ThresholdText.Measured(t)}");
        }
        if (report.Capacity is { Steps.Count: > 0 } search)
        {
            md.AppendLine();
            md.AppendLine("### Capacity steps");
            md.AppendLine();
            md.AppendLine("| Step | Bots | Online | Verdict |");
            md.AppendLine("|---|---|---|---|");
            foreach (var s in search.Steps)
                md.AppendLine(ci, $"| {s.Step} | {s.Bots:N0} | {s.Online:N0} | {Cell(s.Passed == true ? "pass" : "fail: " + string.Join("; ", s.Failures ?? []))} |");
        }
        if (reportLink is not null)
        {
            md.AppendLine();
            md.AppendLine(ci, $"[HTML report]({reportLink})");
        }
        return md.ToString();
    }

    public static Task<ExportResult> WriteAsync(string path, RunReport report, string? reportLink = null, CancellationToken cancellationToken = default)
    {
        var text = Write(report, reportLink);
        return AtomicFile.WriteAsync(path, stream => stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(), cancellationToken);
    }

    /// <summary>The link from the Markdown file at <paramref name="markdownPath"/> to <paramref name="target"/>: relative, '/'-separated, escaped.</summary>
    public static string RelativeLink(string markdownPath, string target)
    {
        var from = Path.GetDirectoryName(Path.GetFullPath(markdownPath)) ?? ".";
        var relative = Path.GetRelativePath(from, Path.GetFullPath(target));
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    private static IEnumerable<(string Name, string Value)> Figures(RunReport r)
    {
        var ci = CultureInfo.InvariantCulture;
        yield return ("Duration", string.Create(ci, $"{r.ElapsedTime:0.0} s ({r.Run?.State})"));
        yield return ("Bots", string.Create(ci, $"peak {r.PeakConnectedBots:N0} online of {r.Run?.TargetBots:N0}"));
        yield return ("Messages sent", Total(r.MessagesSent, r.Rates?.MessagesSent, "/s"));
        yield return ("Messages received", Total(r.MessagesReceived, r.Rates?.MessagesReceived, "/s"));
        yield return ("Chat echo", Latency(r.Latency));
        if (r.PingLatency?.Samples > 0)
            yield return ("Ping", Latency(r.PingLatency));
        if (r.Delivery is { } d && (d.Expected > 0 || d.Received > 0))
            yield return ("Delivery", string.Create(ci,
                $"{d.Received:N0}/{d.Expected:N0} received, {d.Lost:N0} lost, {d.Duplicated:N0} duplicated; fan-out p99 {d.FanOutLatency?.P99:0.0} ms"));
        if (r.RegistrationLatency?.Samples > 0)
            yield return ("Registration", Latency(r.RegistrationLatency));
        var errors = (r.Errors ?? new Dictionary<string, long>()).Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => string.Create(ci, $"{e.Key} {e.Value:N0}")).ToList();
        yield return ("Errors", string.Create(ci, $"{r.ErrorCount:N0}{(errors.Count > 0 ? $" ({string.Join(", ", errors)})" : "")}"));
        yield return ("Bytes sent", Bytes(r.Totals?.BytesSent, r.Rates?.BytesSent));
        yield return ("Bytes received", Bytes(r.Totals?.BytesReceived, r.Rates?.BytesReceived));
    }

    /// <summary>"5,200 (avg 1,003.9/s, peak 1,197.5/s)"; an older file without rates gives the total alone.</summary>
    private static string Total(long? total, RateFigure? rate, string unit) => total is null ? "not recorded" : rate is null
        ? total.Value.ToString("N0", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{total:N0} (avg {rate.AveragePerSecond:N1}{unit}, peak {rate.PeakPerSecond:N1}{unit})");

    private static string Bytes(long? total, RateFigure? rate) => total is null ? "not recorded" : rate is null
        ? Size(total.Value)
        : $"{Size(total.Value)} (avg {Size(rate.AveragePerSecond)}/s, peak {Size(rate.PeakPerSecond)}/s)";

    private static string Size(double bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KB"),
        < 1024 * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024 * 1024):0.00} GB"),
    };

    private static string Latency(LatencyReport? l) => l is null ? "not recorded" : l.Samples is null or 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {l.P50:0.0} ms, p95 {l.P95:0.0} ms, p99 {l.P99:0.0} ms, max {l.Max:0.0} ms ({l.Samples:N0} samples)");


    /// <summary>Text inside a table cell or heading: a '|' would end the cell, a newline the row.</summary>
    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
