namespace LoadTestTui.Core.Capacity;

/// <summary>
/// The search's decisions as a pure function of the steps so far, so they are tested on
/// scripted results. Up from the minimum: doubling (<see cref="CapacityOptions.Growth"/>) while
/// every SLO figure is far from its limit, then linear steps near the edge; after the first
/// failure, bisection between the last good and the first bad count down to the resolution.
/// A fatal step (server gone, every bot failed) ends the search at once.
/// </summary>
public static class CapacitySearch
{
    public static CapacityDecision Decide(CapacityOptions options, IReadOnlyList<StepResult> steps)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
            return CapacityDecision.Next(options.MinBots, "growing");

        var bad = steps.Where(s => !s.Passed).Select(s => (int?)s.Bots).Min();
        var goodStep = steps.Where(s => s.Passed && (bad is null || s.Bots < bad)).MaxBy(s => s.Bots);
        var good = goodStep?.Bots;
        var firstBad = bad is { } b ? steps.First(s => !s.Passed && s.Bots == b) : null;

        if (steps[^1].Fatal is { } fatal)
            return CapacityDecision.Done(new CapacityAnswer(good, steps[^1].Bots, fatal, false, fatal));
        if (firstBad is null)
        {
            if (good >= options.MaxBots)
                return CapacityDecision.Done(new CapacityAnswer(good, null, null, UpperBoundReached: true, null));
            var last = good!.Value;
            var nearEdge = goodStep!.Usage >= options.NearEdge;
            var next = nearEdge
                ? last + Math.Max(1, (int)Math.Ceiling(last * options.Resolution * 4))
                : Math.Max(last + 1, (int)Math.Ceiling(last * options.Growth));
            return Fresh(Math.Min(options.MaxBots, next), steps, nearEdge ? "near the edge" : "growing");
        }
        if (good is null)
            return CapacityDecision.Done(new CapacityAnswer(null, firstBad.Bots, firstBad.FailureText, false, null));
        if (bad!.Value - good.Value <= Math.Max(1, (int)Math.Ceiling(good.Value * options.Resolution)))
            return CapacityDecision.Done(new CapacityAnswer(good, bad, firstBad.FailureText, false, null));
        return Fresh(good.Value + ((bad.Value - good.Value) / 2), steps, "narrowing");
    }

    /// <summary>A count already measured would loop forever (a flapping step): stop on the answer so far instead.</summary>
    private static CapacityDecision Fresh(int next, IReadOnlyList<StepResult> steps, string phase)
    {
        if (steps.All(s => s.Bots != next))
            return CapacityDecision.Next(next, phase);
        var good = steps.Where(s => s.Passed).Select(s => (int?)s.Bots).Max();
        var bad = steps.Where(s => !s.Passed && s.Bots > (good ?? 0)).MinBy(s => s.Bots);
        return CapacityDecision.Done(new CapacityAnswer(good, bad?.Bots, bad?.FailureText, false, $"{next} bots were already measured"));
    }
}
