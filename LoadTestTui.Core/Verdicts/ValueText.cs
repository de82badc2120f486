using System.Globalization;

namespace LoadTestTui.Core.Verdicts;

/// <summary>Prints a metric's value in its unit: <c>812 ms</c>, <c>99.2%</c>, <c>512.0 MB</c>, <c>0</c>, <c>123.4/s</c>.</summary>
public static class ValueText
{
    public static string Format(double value, MetricUnit unit) => unit switch
    {
        MetricUnit.Milliseconds => value >= 1000 ? F($"{value / 1000:0.###} s") : F($"{value:0.###} ms"),
        MetricUnit.Ratio => F($"{value * 100:0.##}%"),
        MetricUnit.Percent => F($"{value:0.#}%"),
        MetricUnit.Megabytes => F($"{value:0.#} MB"),
        MetricUnit.PerSecond => F($"{value:0.#}/s"),
        _ => F($"{value:0.##}"),
    };

    public static string Format(double? value, MetricUnit unit) => value is { } v ? Format(v, unit) : "no data";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
