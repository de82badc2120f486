using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// Writes a <see cref="ReportModel"/> as one self-contained HTML file: styles, uPlot and the
/// report script inline, chart data as JSON, and a Content-Security-Policy that allows only
/// those exact scripts (by hash) and no network request of any kind. Every text from a
/// results file is HTML-escaped; chart data is JSON with <c>&lt;</c> escaped, so a hostile
/// name can neither close an element nor start a script.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly JsonSerializerOptions ChartJson = new(ChartJsonContext.Default.Options)
    {
        // The default encoder escapes < > & ' as \uXXXX: nothing in the data can end the <script> element.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(ReportModel model)
    {
        var html = new StringBuilder(128 * 1024);
        var script = ReportAssets.Script;
        var uplot = ReportAssets.UPlotScript;
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src ")
            .Append(Hash(uplot)).Append(' ').Append(Hash(script))
            .Append("; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            .Append("<meta name=\"generator\" content=\"LoadTestTui\">\n")
            .Append("<title>").Append(E(model.Title)).Append("</title>\n")
            .Append("<style>").Append(ReportAssets.UPlotStyle).Append("</style>\n")
            .Append("<style>").Append(ReportAssets.Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header class=\"top\"><div class=\"wrap\"><div class=\"brand\">LoadTestTui report</div><h1>")
            .Append(E(model.Title)).Append("</h1><p class=\"sub\">").Append(E(model.Subtitle)).Append("</p></div></header>\n");
        html.Append("<nav class=\"toc wrap\">");
        foreach (var section in model.Sections)
            html.Append("<a href=\"#").Append(E(section.Id)).Append("\">").Append(E(section.Title)).Append("</a>");
        html.Append("</nav>\n<main class=\"wrap\">\n<div class=\"figures\">");
        foreach (var figure in model.Figures)
        {
            html.Append("<div class=\"figure").Append(figure.Tone is null ? "" : " " + E(figure.Tone)).Append("\"><div class=\"label\">")
                .Append(E(figure.Label)).Append("</div><div class=\"value\">").Append(E(figure.Value)).Append("</div></div>");
        }
        html.Append("</div>\n");
        var charts = new List<ChartSpec>();
        foreach (var section in model.Sections)
        {
            Section(html, section);
            charts.AddRange(section.Charts);
        }
        html.Append("</main>\n<footer class=\"wrap\">Written by LoadTestTui from its results file; charts drawn with uPlot ")
            .Append(ReportAssets.UPlotVersion).Append(" (MIT licence). Drag across a chart to zoom its time axis, double-click to reset.</footer>\n");
        html.Append("<script type=\"application/json\" id=\"report-data\">").Append(ChartData(charts)).Append("</script>\n")
            .Append("<script>").Append(uplot).Append("</script>\n")
            .Append("<script>").Append(script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Renders and writes the file atomically; a failure is a result, never an exception.</summary>
    public static Task<ExportResult> WriteAsync(string path, ReportModel model, CancellationToken cancellationToken = default)
    {
        var html = Render(model);
        return AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await writer.WriteAsync(html.AsMemory(), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static void Section(StringBuilder html, ReportSection section)
    {
        html.Append("<section class=\"part\" id=\"").Append(E(section.Id)).Append("\"><h2>").Append(E(section.Title)).Append("</h2>\n");
        foreach (var note in section.Notes)
            html.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        if (section.Charts.Count > 0)
        {
            html.Append("<div class=\"charts").Append(section.Charts.Count > 1 ? " two" : "").Append("\">");
            foreach (var chart in section.Charts)
            {
                html.Append("<figure class=\"chart\"><figcaption>").Append(E(chart.Title)).Append("</figcaption><div class=\"plot\" id=\"chart-")
                    .Append(E(chart.Id)).Append("\"></div></figure>");
            }
            html.Append("</div>\n");
        }
        foreach (var table in section.Tables)
            Table(html, table);
        html.Append("</section>\n");
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<h3>").Append(E(table.Title)).Append("</h3>\n");
        if (table.Rows.Count == 0)
        {
            html.Append("<p class=\"note\">").Append(E(table.Empty)).Append("</p>\n");
            return;
        }
        if (table.Pairs)
        {
            html.Append("<dl class=\"kv\">");
            foreach (var row in table.Rows)
            {
                html.Append("<div><dt>").Append(E(row[0].Text)).Append("</dt>")
                    .Append(row[1].Tone is null ? "<dd>" : $"<dd class=\"{E(row[1].Tone!)}\">").Append(E(row[1].Text)).Append("</dd></div>");
            }
            html.Append("</dl>\n");
            return;
        }
        html.Append("<div class=\"table-wrap\"><table><thead><tr>");
        foreach (var column in table.Columns)
            html.Append("<th>").Append(E(column)).Append("</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append(cell.Tone is null ? "<td>" : $"<td class=\"{E(cell.Tone)}\">").Append(E(cell.Text)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    /// <summary>Chart data for a <c>&lt;script type="application/json"&gt;</c> element: no raw <c>&lt;</c> survives, so neither <c>&lt;/script&gt;</c> nor <c>&lt;!--</c> can appear.</summary>
    internal static string ChartData(IReadOnlyList<ChartSpec> charts)
    {
        var json = JsonSerializer.Serialize(charts, ChartJson.GetTypeInfo(typeof(IReadOnlyList<ChartSpec>)));
        return json.Replace("<", "\\u003C", StringComparison.Ordinal);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Hash(string script) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'";
}
