using System.Globalization;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Reports;

/// <summary>A threshold of a results file in words, its values in its metric's unit (<c>257.151 ms</c>, <c>99.2%</c>).</summary>
public static class ThresholdText
{
    /// <summary>"measured 257.151 ms, limit &lt; 1 ms" (or "no data, limit ...").</summary>
    public static string Measured(ThresholdReport t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var window = t.WindowSeconds is { } w ? string.Create(CultureInfo.InvariantCulture, $" over {w:0.###} s") : "";
        return $"measured {Value(t, t.Measured)}{window}, limit {t.Op} {Value(t, t.Limit)}";
    }

    public static string Value(ThresholdReport t, double? value)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Unit(t.Unit) is { } unit ? ValueText.Format(value, unit) : value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "no data";
    }

    /// <summary>The unit named as in the file (<c>per_second</c>); null for a name this version does not know.</summary>
    private static MetricUnit? Unit(string? name) =>
        Enum.GetValues<MetricUnit>().Cast<MetricUnit?>().FirstOrDefault(u => RunReportBuilder.SnakeCase(u!.Value.ToString()) == name);
}
