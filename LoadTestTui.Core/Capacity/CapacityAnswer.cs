using System.Globalization;

namespace LoadTestTui.Core.Capacity;

/// <summary>
/// What a search found: the largest count that held (null when even the minimum failed), the
/// smallest that failed and why, whether the upper bound held, and why it stopped early.
/// </summary>
public sealed record CapacityAnswer(int? Holds, int? FailsAt, string? FailReason, bool UpperBoundReached, string? StoppedEarly)
{
    /// <summary>"holds 1,840 bots; fails at 1,930: echo.p99 812 ms &gt;= 500 ms".</summary>
    public override string ToString()
    {
        var text = Holds is { } holds
            ? string.Create(CultureInfo.InvariantCulture, $"holds {holds:N0} bots")
            : "holds no tested count";
        if (UpperBoundReached)
            text += " (the upper bound --max-bots; no knee found below it)";
        if (FailsAt is { } fails)
            text += string.Create(CultureInfo.InvariantCulture, $"; fails at {fails:N0}: {FailReason}");
        if (StoppedEarly is { } why && FailsAt is null)
            text += $"; stopped early: {why}";
        return text;
    }
}
