using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadTestTui.Core.Verdicts;

/// <summary>
/// Parses <c>echo.p99 &lt; 200ms</c>, <c>errors.rate &lt; 1%</c>, <c>delivery.lost == 0</c>,
/// <c>server.cpu.max &lt; 80%</c>, <c>online.ratio &gt;= 99% over 30s</c>. The limit's unit must
/// fit the metric; a misspelt metric names the nearest one.
/// </summary>
public static partial class ThresholdParser
{
    [GeneratedRegex(@"^\s*(?<metric>[A-Za-z0-9_.\-]+)\s*(?<op><=|>=|==|!=|<|>|=)\s*(?<number>[+-]?(?:\d+\.?\d*|\.\d+))\s*(?<unit>%|[A-Za-zµ/]+)?\s*(?:\s+over\s+(?<window>\S+))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    public static bool TryParse(string? text, out Threshold? threshold, out string? problem, bool abort = false, TimeSpan grace = default)
    {
        threshold = null;
        text = (text ?? "").Trim();
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            problem = $"threshold '{text}' must be METRIC OP VALUE [over DURATION], e.g. 'echo.p99 < 200ms' or 'online.ratio >= 99% over 30s'.";
            return false;
        }
        var name = match.Groups["metric"].Value;
        var metric = MetricCatalog.Find(name);
        if (metric is null)
        {
            problem = $"threshold '{text}': no metric '{name}'; did you mean '{MetricCatalog.Nearest(name)}'?";
            return false;
        }
        var op = match.Groups["op"].Value switch
        {
            "<" => Comparison.Less,
            "<=" => Comparison.LessOrEqual,
            ">" => Comparison.Greater,
            ">=" => Comparison.GreaterOrEqual,
            "!=" => Comparison.NotEqual,
            _ => Comparison.Equal,
        };
        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        if (Convert(number, unit, metric.Unit) is not { } limit)
        {
            problem = $"threshold '{text}': '{unit}' does not fit {metric.Name} ({UnitHint(metric.Unit)}).";
            return false;
        }
        if (metric.Unit == MetricUnit.Ratio && unit.Length == 0 && limit > 1)
        {
            problem = $"threshold '{text}': {metric.Name} is a ratio; write {number}% or {number / 100} .";
            return false;
        }
        TimeSpan? window = null;
        if (match.Groups["window"].Success)
        {
            if (!DurationText.TryParse(match.Groups["window"].Value, out var span) || span <= TimeSpan.Zero || span > WindowLimits.MaxSpan)
            {
                problem = $"threshold '{text}': 'over {match.Groups["window"].Value}' must be a duration up to {DurationText.Format(WindowLimits.MaxSpan)} (e.g. 30s).";
                return false;
            }
            window = span;
        }
        if (grace < TimeSpan.Zero)
        {
            problem = $"threshold '{text}': the grace period must not be negative.";
            return false;
        }
        threshold = new Threshold(text, metric, op, limit, window, abort, grace);
        problem = null;
        return true;
    }

    /// <summary>The limit in the metric's unit, or null when the written unit does not fit.</summary>
    private static double? Convert(double number, string unit, MetricUnit target) => (target, unit) switch
    {
        (MetricUnit.Milliseconds, "" or "ms") => number,
        (MetricUnit.Milliseconds, "us" or "µs") => number / 1000,
        (MetricUnit.Milliseconds, "s") => number * 1000,
        (MetricUnit.Milliseconds, "m" or "min") => number * 60_000,
        (MetricUnit.Ratio, "%") => number / 100,
        (MetricUnit.Ratio, "") => number,
        (MetricUnit.Percent, "%" or "") => number,
        (MetricUnit.Count, "") => number,
        (MetricUnit.PerSecond, "" or "/s") => number,
        (MetricUnit.Megabytes, "" or "mb" or "mib") => number,
        (MetricUnit.Megabytes, "kb" or "kib") => number / 1024,
        (MetricUnit.Megabytes, "gb" or "gib") => number * 1024,
        (MetricUnit.Megabytes, "b") => number / (1024 * 1024),
        _ => null,
    };

    private static string UnitHint(MetricUnit unit) => unit switch
    {
        MetricUnit.Milliseconds => "a latency: use ms, s or us",
        MetricUnit.Ratio => "a ratio: use % or a fraction",
        MetricUnit.Percent => "a percentage: use %",
        MetricUnit.PerSecond => "a rate: a number or /s",
        MetricUnit.Megabytes => "memory: use KB, MB or GB",
        _ => "a count: a plain number",
    };
}
