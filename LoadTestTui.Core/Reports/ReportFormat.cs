using System.Globalization;

namespace LoadTestTui.Core.Reports;

/// <summary>Number formats shared by reports and the comparison table (invariant culture).</summary>
public static class ReportFormat
{
    public const string NotRecorded = "not recorded in this file";

    public static string Ms(double? value) => value is { } v ? $"{v.ToString(v < 10 ? "0.###" : v < 1000 ? "0.#" : "#,0", CultureInfo.InvariantCulture)} ms" : "—";

    public static string Count(double? value) => value is { } v ? v.ToString(Math.Abs(v) < 100 && v != Math.Floor(v) ? "#,0.##" : "#,0", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? value) => value is { } v ? $"{v.ToString("0.##", CultureInfo.InvariantCulture)} %" : "—";

    public static string Seconds(double? value) => value is { } v ? $"{v.ToString("0.###", CultureInfo.InvariantCulture)} s" : "—";

    /// <summary>A time as "yyyy-MM-dd HH:mm:ss +hh:mm" (its own offset kept).</summary>
    public static string? Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string Bytes(double? value)
    {
        if (value is not { } v)
            return "—";
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var i = 0;
        while (Math.Abs(v) >= 1024 && i < units.Length - 1)
        {
            v /= 1024;
            i++;
        }
        return $"{v.ToString(i == 0 ? "0" : "0.##", CultureInfo.InvariantCulture)} {units[i]}";
    }

    /// <summary>Formats a value in a unit name used by comparisons and charts.</summary>
    public static string In(string unit, double? value) => unit switch
    {
        "ms" => Ms(value),
        "bytes" => Bytes(value),
        "%" => Percent(value),
        "s" => Seconds(value),
        "/s" => value is { } v ? $"{Count(v)}/s" : "—",
        _ => Count(value),
    };
}
