using System.Globalization;

namespace LoadTestTui.Core.Plans;

/// <summary>
/// The parameters of a named load shape (<see cref="LoadShapes"/>). Not every shape uses
/// every parameter; <see cref="Total"/> is <see cref="Duration"/> when given, else steps × step duration.
/// </summary>
public sealed record ShapeOptions
{
    public required string Name { get; init; }
    public int MaxBots { get; init; } = 100;
    public int MinBots { get; init; }
    public int Steps { get; init; } = 5;
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan? Duration { get; init; }

    public TimeSpan Total => Duration ?? StepDuration * Steps;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!LoadShapes.Names.Contains(Name, StringComparer.OrdinalIgnoreCase))
            problems.Add($"--shape '{Name}' is not a shape: use one of {string.Join(", ", LoadShapes.Names)}.");
        if (MaxBots is < 1 or > LoadPlan.MaxTarget)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--max-bots must be 1-{LoadPlan.MaxTarget} (got {MaxBots})."));
        if (MinBots < 0 || MinBots > MaxBots)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--min-bots must be 0-{MaxBots} (got {MinBots})."));
        if (Steps is < 1 or > 1000)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"--steps must be 1-1000 (got {Steps})."));
        if (StepDuration <= TimeSpan.Zero)
            problems.Add("--step-duration must be positive.");
        if (Duration is { } d && d <= TimeSpan.Zero)
            problems.Add("the shape's duration must be positive.");
        return problems;
    }
}
