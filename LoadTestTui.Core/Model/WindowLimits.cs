namespace LoadTestTui.Core.Model;

/// <summary>How far back windowed figures reach (thresholds "over" a span, capacity steps): the engines keep this much of a run's ticks.</summary>
public static class WindowLimits
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromMinutes(15);
}
