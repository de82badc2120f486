using System.Globalization;

namespace LoadTestTui.Dashboard;

/// <summary>What the start dialog asks the engine for. A null duration runs until stopped.</summary>
public sealed record StartRequest(int Bots, TimeSpan? Duration, double RampPerSecond)
{
    public const int MaxBots = 1_000_000;

    /// <summary>Parses the dialog's three fields; returns null and every problem at once when any is wrong.</summary>
    public static StartRequest? Parse(string? bots, string? durationSeconds, string? rampPerSecond, out IReadOnlyList<string> problems)
    {
        var list = new List<string>();
        var inv = CultureInfo.InvariantCulture;

        if (!int.TryParse(bots?.Trim(), NumberStyles.Integer, inv, out var count) || count < 1 || count > MaxBots)
            list.Add($"Bots must be a whole number from 1 to {MaxBots:#,0}.");

        TimeSpan? duration = null;
        if (!double.TryParse(durationSeconds?.Trim(), NumberStyles.Float, inv, out var seconds) || double.IsNaN(seconds) || seconds < 0 || seconds > TimeSpan.FromDays(365).TotalSeconds)
            list.Add("Duration must be seconds, 0 or more (0 = unlimited).");
        else if (seconds > 0)
            duration = TimeSpan.FromSeconds(seconds);

        if (!double.TryParse(rampPerSecond?.Trim(), NumberStyles.Float, inv, out var ramp) || double.IsNaN(ramp) || double.IsInfinity(ramp) || ramp <= 0)
            list.Add("Ramp must be a positive number of bots per second.");

        problems = list;
        return list.Count == 0 ? new StartRequest(count, duration, ramp) : null;
    }
}
