namespace LoadTestTui.Core.Plans;

/// <summary>
/// The named shapes of the original progressive tester, compiled into stages. Each is a few
/// lines of data; the planner does the rest.
/// </summary>
public static class LoadShapes
{
    public static IReadOnlyList<string> Names { get; } = ["linear", "exponential", "step", "spike", "ramp-up-down", "sustained", "stress"];

    /// <summary>Compiles a shape; call <see cref="ShapeOptions.Validate"/> first.</summary>
    /// <exception cref="ArgumentException">Unknown shape or invalid parameters.</exception>
    public static LoadPlan Compile(ShapeOptions shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(shape));
        var (min, max, steps, step, total) = (shape.MinBots, shape.MaxBots, shape.Steps, shape.StepDuration, shape.Total);
        var name = shape.Name.ToLowerInvariant();
        return name switch
        {
            // Straight line from min to max over the whole duration.
            "linear" => new LoadPlan([new Stage(total, max)], min, name),
            // Each step multiplies the bots by the same factor (min 0 starts from 1).
            "exponential" => Exponential(Math.Max(1, min), max, steps, step, name),
            // Jump to each level and hold it: min + (max - min) * i / steps.
            "step" => new LoadPlan(Enumerable.Range(1, steps).SelectMany(i => Hold(Level(min, max, i, steps), step)), min, name),
            // Baseline, a sudden spike to max, back to baseline: does the server recover?
            "spike" => new LoadPlan([new Stage(step, min), new Stage(TimeSpan.Zero, max), new Stage(step, max), new Stage(TimeSpan.Zero, min), new Stage(step, min)], min, name),
            // Up, hold, down: a third of the time each.
            "ramp-up-down" => new LoadPlan([new Stage(total / 3, max), new Stage(total / 3, max), new Stage(total - (total / 3 * 2), min)], min, name),
            // A short ramp (a tenth of the time), then max for the rest: a soak test.
            "sustained" => new LoadPlan([new Stage(total / 10, max), new Stage(total - (total / 10), max)], min, name),
            // Ramp into each level and hold it, up to max, then drop to min and watch the recovery.
            "stress" => new LoadPlan(
                Enumerable.Range(1, steps).SelectMany(i => new[] { new Stage(step / 2, Level(min, max, i, steps)), new Stage(step - (step / 2), Level(min, max, i, steps)) })
                    .Concat([new Stage(TimeSpan.Zero, min), new Stage(step, min)]),
                min, name),
            _ => throw new ArgumentException($"unknown shape '{shape.Name}'", nameof(shape)),
        };
    }

    private static LoadPlan Exponential(int from, int max, int steps, TimeSpan step, string name)
    {
        var factor = Math.Pow((double)max / from, 1.0 / steps);
        var stages = Enumerable.Range(1, steps)
            .Select(i => new Stage(step, i == steps ? max : (int)Math.Round(from * Math.Pow(factor, i))));
        return new LoadPlan(stages, from, name);
    }

    private static int Level(int min, int max, int i, int steps) => min + (int)((long)(max - min) * i / steps);

    private static Stage[] Hold(int level, TimeSpan duration) => [new Stage(TimeSpan.Zero, level), new Stage(duration, level)];
}
