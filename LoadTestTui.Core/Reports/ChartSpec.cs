using System.Text.Json.Serialization;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// One chart as data for the report's script: a shared x axis and series over it. The
/// script draws it with uPlot; nothing about drawing is decided here beyond these fields.
/// </summary>
public sealed record ChartSpec(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("x_label")] string XLabel,
    [property: JsonPropertyName("y_label")] string YLabel,
    [property: JsonPropertyName("x")] IReadOnlyList<double> X,
    [property: JsonPropertyName("series")] IReadOnlyList<ChartSeries> Series)
{
    /// <summary>"seconds" (run time), "percentile" (spectrum: x is 1/(1-p) on a log axis) or "number".</summary>
    [JsonPropertyName("x_kind")] public string XKind { get; init; } = "seconds";

    /// <summary>Unit of the values for hover text: "ms", "bytes", "%", "" (plain number).</summary>
    [JsonPropertyName("unit")] public string Unit { get; init; } = "";

    /// <summary>Label and unit of a second y axis (series with <see cref="ChartSeries.Axis"/> 1), if any.</summary>
    [JsonPropertyName("y2_label")] public string? Y2Label { get; init; }
    [JsonPropertyName("unit2")] public string Unit2 { get; init; } = "";

    /// <summary>A logarithmic y axis (latency spectra span orders of magnitude).</summary>
    [JsonPropertyName("log_y")] public bool LogY { get; init; }

    /// <summary>Shaded x ranges (plan stages).</summary>
    [JsonPropertyName("shades")] public IReadOnlyList<ChartShade> Shades { get; init; } = [];

    /// <summary>Horizontal reference lines (an SLO limit).</summary>
    [JsonPropertyName("lines")] public IReadOnlyList<ChartLine> Lines { get; init; } = [];

    /// <summary>Vertical markers (the capacity found).</summary>
    [JsonPropertyName("markers")] public IReadOnlyList<ChartMarker> Markers { get; init; } = [];
}

public sealed record ChartSeries(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("values")] IReadOnlyList<double?> Values,
    [property: JsonPropertyName("color")] string Color)
{
    [JsonPropertyName("dash")] public bool Dashed { get; init; }
    [JsonPropertyName("axis")] public int Axis { get; init; }

    /// <summary>Stacked area series (the states of the bots chart).</summary>
    [JsonPropertyName("stack")] public bool Stack { get; init; }

    /// <summary>Draw points only (capacity steps, sparse data).</summary>
    [JsonPropertyName("points")] public bool Points { get; init; }
}

public sealed record ChartShade(
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("label")] string Label);

public sealed record ChartLine(
    [property: JsonPropertyName("y")] double Y,
    [property: JsonPropertyName("label")] string Label);

public sealed record ChartMarker(
    [property: JsonPropertyName("x")] double X,
    [property: JsonPropertyName("label")] string Label);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<ChartSpec>))]
internal sealed partial class ChartJsonContext : JsonSerializerContext;
