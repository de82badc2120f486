using System.Globalization;

namespace LoadTestTui.Core.Plans;

/// <summary>The command line's <c>--stage 30s:100</c> (duration, colon, target bots).</summary>
public static class StageText
{
    public static bool TryParse(string? text, out Stage stage, out string? problem)
    {
        stage = new Stage(TimeSpan.Zero, 0);
        var parts = (text ?? "").Split(':', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            problem = $"--stage '{text}' must be DURATION:TARGET, e.g. 30s:100.";
            return false;
        }
        if (!DurationText.TryParse(parts[0], out var duration))
        {
            problem = $"--stage '{text}': '{parts[0]}' is not a duration (e.g. 30s, 2m, 1h30m).";
            return false;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var target) || target > LoadPlan.MaxTarget)
        {
            problem = $"--stage '{text}': '{parts[1]}' is not a bot count (0-{LoadPlan.MaxTarget}).";
            return false;
        }
        stage = new Stage(duration, target);
        problem = null;
        return true;
    }
}
