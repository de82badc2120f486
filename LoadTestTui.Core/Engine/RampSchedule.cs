namespace LoadTestTui.Core.Engine;

/// <summary>The load shape of a ramp, as a pure function the engine follows tick by tick.</summary>
public static class RampSchedule
{
    /// <summary>
    /// How many bots may have been started <paramref name="elapsed"/> into a ramp of
    /// <paramref name="ratePerSecond"/>: one at once, then one more every 1/rate seconds,
    /// never more than <paramref name="total"/>.
    /// </summary>
    public static int StartedBy(TimeSpan elapsed, double ratePerSecond, int total)
    {
        if (total <= 0)
            return 0;
        var due = Math.Floor(Math.Max(0, elapsed.TotalSeconds) * ratePerSecond) + 1;
        return (int)Math.Min(total, due);
    }
}
