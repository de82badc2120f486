namespace LoadTestTui.Core.Model;

/// <summary>
/// The pure function the engine follows: elapsed time → target and behaviour. A stage is
/// active from its start (inclusive) to its end (exclusive), so a zero-length stage is never
/// active, it only moves the target the next stage starts from.
/// </summary>
public static class Planner
{
    public static PlanPoint At(LoadPlan plan, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (elapsed < TimeSpan.Zero)
            elapsed = TimeSpan.Zero;
        var from = plan.StartTarget;
        var start = TimeSpan.Zero;
        for (var i = 0; i < plan.Stages.Length; i++)
        {
            var stage = plan.Stages[i];
            var end = start + stage.Duration;
            if (elapsed < end)
                return new PlanPoint(i, Interpolate(from, stage.Target, elapsed - start, stage.Duration), end - elapsed, stage.Behaviour, Finished: false);
            from = stage.Target;
            start = end;
        }
        var last = plan.Stages.Length - 1;
        return new PlanPoint(last, from, TimeSpan.Zero, last >= 0 ? plan.Stages[last].Behaviour : null, Finished: true);
    }

    /// <summary>
    /// The target <paramref name="into"/> a stage of <paramref name="duration"/>: linear from
    /// <paramref name="from"/>, truncated toward <paramref name="from"/> so a ramp never runs ahead
    /// of its line. Exact in ticks (128-bit), so a plan of days has no rounding drift.
    /// </summary>
    public static int Interpolate(int from, int to, TimeSpan into, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || into >= duration)
            return to;
        var step = (Int128)(to - from) * into.Ticks / duration.Ticks;
        return from + (int)step;
    }

    /// <summary>When stage <paramref name="index"/> starts, from the plan's start.</summary>
    public static TimeSpan StageStart(LoadPlan plan, int index)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var start = TimeSpan.Zero;
        for (var i = 0; i < index && i < plan.Stages.Length; i++)
            start += plan.Stages[i].Duration;
        return start;
    }
}
