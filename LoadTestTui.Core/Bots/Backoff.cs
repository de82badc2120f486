namespace LoadTestTui.Core.Bots;

/// <summary>Exponential reconnect backoff with jitter, so a dropped fleet does not return in one wave.</summary>
public static class Backoff
{
    /// <summary>
    /// The delay before reconnect attempt <paramref name="attempt"/> (1-based):
    /// min(max, base * 2^(attempt-1)) scaled by a jitter factor in [0.5, 1.5).
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter01)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(raw * (0.5 + Math.Clamp(jitter01, 0, 1)));
    }
}
