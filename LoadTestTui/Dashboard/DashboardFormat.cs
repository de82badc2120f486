using System.Globalization;

namespace LoadTestTui.Dashboard;

/// <summary>Short, culture-independent renderings of the dashboard's figures.</summary>
public static class DashboardFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB", "PB"];

    /// <summary>"00:01:05"; hours grow past 99; negative or NaN-like values read as zero.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            value = TimeSpan.Zero;
        var hours = (long)value.TotalHours;
        return string.Create(Inv, $"{hours:00}:{value.Minutes:00}:{value.Seconds:00}");
    }

    /// <summary>"999", "12.5", "1.2k", "3.4M", "5.6G".</summary>
    public static string Count(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            return "-";
        var sign = value < 0 ? "-" : "";
        var abs = Math.Abs(value);
        return abs switch
        {
            < 1000 => sign + abs.ToString(abs >= 100 || abs == Math.Floor(abs) ? "0" : "0.#", Inv),
            < 999_950 => sign + (abs / 1e3).ToString("0.0", Inv) + "k",
            < 999_950_000 => sign + (abs / 1e6).ToString("0.0", Inv) + "M",
            _ => sign + (abs / 1e9).ToString("0.0", Inv) + "G",
        };
    }

    /// <summary>"1.2k/s".</summary>
    public static string Rate(double perSecond) => Count(perSecond) + "/s";

    /// <summary>"512 B", "1.5 KB", "1.5 MB" (1024-based).</summary>
    public static string Bytes(double bytes)
    {
        if (double.IsNaN(bytes) || double.IsInfinity(bytes))
            return "-";
        var sign = bytes < 0 ? "-" : "";
        var abs = Math.Abs(bytes);
        var unit = 0;
        while (abs >= 1024 && unit < ByteUnits.Length - 1)
        {
            abs /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(Inv, $"{sign}{abs:0} B")
            : string.Create(Inv, $"{sign}{abs:0.0} {ByteUnits[unit]}");
    }

    /// <summary>"1.5 MB/s".</summary>
    public static string ByteRate(double bytesPerSecond) => Bytes(bytesPerSecond) + "/s";

    /// <summary>A millisecond figure without unit: "0.42", "12.3", "1234"; "-" when unknown (NaN or negative).</summary>
    public static string MsValue(double ms)
    {
        if (double.IsNaN(ms) || double.IsInfinity(ms) || ms < 0)
            return "-";
        return ms switch
        {
            < 10 => ms.ToString("0.00", Inv),
            < 1000 => ms.ToString("0.0", Inv),
            _ => ms.ToString("0", Inv),
        };
    }

    /// <summary>"12.3 ms"; "-" when unknown.</summary>
    public static string Ms(double ms)
    {
        var value = MsValue(ms);
        return value == "-" ? value : value + " ms";
    }

    /// <summary>"12.5%".</summary>
    public static string Percent(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "-" : value.ToString("0.0", Inv) + "%";

    /// <summary>A whole number with thousands separators: "20,000".</summary>
    public static string Int(long value) => value.ToString("#,0", Inv);
}
