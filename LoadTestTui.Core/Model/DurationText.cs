using System.Globalization;
using System.Text;

namespace LoadTestTui.Core.Model;

/// <summary>Durations as people write them: <c>30s</c>, <c>1m30s</c>, <c>250ms</c>, <c>2h</c>, <c>1.5s</c>, or a bare number of seconds.</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim().ToLowerInvariant();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
            return TrySeconds(bare, out duration);
        var total = 0.0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                i++;
            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
                i++;
            double? scale = s[unitStart..i] switch
            {
                "ms" => 0.001,
                "s" or "sec" => 1,
                "m" or "min" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => null,
            };
            if (scale is null)
                return false;
            total += number * scale.Value;
        }
        return TrySeconds(total, out duration);
    }

    /// <summary>Shortest readable form: <c>90s</c> → <c>1m30s</c>, <c>0.25s</c> → <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            return "-" + Format(-duration);
        if (duration == TimeSpan.Zero)
            return "0s";
        if (duration < TimeSpan.FromSeconds(1))
            return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.#}ms");
        var text = new StringBuilder();
        var rest = duration;
        if (rest.TotalHours >= 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(long)rest.TotalHours}h");
            rest -= TimeSpan.FromHours((long)rest.TotalHours);
        }
        if (rest.Minutes > 0)
            text.Append(CultureInfo.InvariantCulture, $"{rest.Minutes}m");
        rest -= TimeSpan.FromMinutes(rest.Minutes);
        if (rest > TimeSpan.Zero)
            text.Append(CultureInfo.InvariantCulture, $"{rest.TotalSeconds:0.###}s");
        return text.ToString();
    }

    private static bool TrySeconds(double seconds, out TimeSpan duration)
    {
        // About 30 years: beyond that a TimeSpan in ticks would still fit, but it is a typo.
        var ok = seconds >= 0 && seconds < 1e9 && !double.IsNaN(seconds);
        duration = ok ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        return ok;
    }
}
