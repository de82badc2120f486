namespace LoadTestTui.Core.Reports;

/// <summary>
/// What a report shows, independent of HTML: a title, headline figures and sections of
/// notes, charts and tables. Built by a pure function of results files
/// (<see cref="RunReportModel"/>, <see cref="ComparisonReportModel"/>); drawn by <see cref="HtmlReportWriter"/>.
/// </summary>
public sealed record ReportModel(string Title, string Subtitle, IReadOnlyList<KeyFigure> Figures, IReadOnlyList<ReportSection> Sections);

/// <summary>One headline number at the top of the report.</summary>
public sealed record KeyFigure(string Label, string Value, string? Tone = null);

/// <summary>A titled part of the report; its notes, charts and tables are shown in that order.</summary>
public sealed record ReportSection(string Id, string Title)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<ChartSpec> Charts { get; init; } = [];
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];
}

/// <summary>A table of text cells; the first row of <see cref="Rows"/> is data, not a header.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows)
{
    /// <summary>Shown instead of an empty table.</summary>
    public string Empty { get; init; } = "none";

    /// <summary>A two-column table of names and values, drawn as a compact grid of pairs.</summary>
    public bool Pairs { get; init; }
}

/// <summary>A cell's text and an optional tone: good, bad, muted (drawn as colour and a word, never colour alone).</summary>
public sealed record ReportCell(string Text, string? Tone = null)
{
    public static implicit operator ReportCell(string text) => new(text);
}
