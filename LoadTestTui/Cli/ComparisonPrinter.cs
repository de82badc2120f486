using LoadTestTui.Core.Reports;
using LoadTestTui.Core.Text;

namespace LoadTestTui.Cli;

/// <summary>The terminal table of a comparison: one line per figure, columns aligned.</summary>
internal static class ComparisonPrinter
{
    public static void Print(TextWriter output, RunComparison comparison)
    {
        var (a, b) = (comparison.Base, comparison.New);
        output.WriteLine($"Base: {Describe(a)}");
        output.WriteLine($"New:  {Describe(b)}");
        foreach (var note in comparison.Notes)
            output.WriteLine(TerminalText.Sanitize(note));
        output.WriteLine();
        string[] header = ["Figure", "Base", "New", "Change", "Verdict", "Noise"];
        var rows = comparison.Rows.Select(r => new[]
        {
            r.Figure, ReportFormat.In(r.Unit, r.Base), ReportFormat.In(r.Unit, r.New), ComparisonReportModel.ChangeText(r),
            ComparisonReportModel.VerdictText(r.Verdict), r.Noise,
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i is 1 or 2 or 3 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (var row in rows)
            output.WriteLine(Line(row));
        output.WriteLine();
        var worse = comparison.Rows.Count(r => r.Verdict == Verdict.Worse);
        var better = comparison.Rows.Count(r => r.Verdict == Verdict.Better);
        output.WriteLine(worse > 0 ? $"{worse} figure(s) worse, {better} better." : $"Nothing worse; {better} figure(s) better.");
    }

    /// <summary>File names and targets come from files: sanitized before they reach a terminal.</summary>
    private static string Describe(RunDocument doc) =>
        TerminalText.Sanitize($"{doc.Name} (run {doc.RunId}, {doc.Target ?? "unknown target"}, {doc.ElapsedSeconds:0.#} s, {doc.Bots.Count} bots)");
}
