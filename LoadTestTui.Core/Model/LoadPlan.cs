using System.Collections.Immutable;
using System.Globalization;

namespace LoadTestTui.Core.Model;

/// <summary>
/// A load shape as data: stages followed in order from <see cref="StartTarget"/> bots
/// (zero unless a shape says otherwise). The run ends when the last stage ends.
/// </summary>
public sealed record LoadPlan
{
    /// <summary>The largest target a stage may ask for (the engine's bot id space).</summary>
    public const int MaxTarget = 1_000_000;

    public LoadPlan(IEnumerable<Stage> stages, int startTarget = 0, string? name = null)
    {
        Stages = [.. stages];
        StartTarget = startTarget;
        Name = name;
    }

    public ImmutableArray<Stage> Stages { get; }

    public int StartTarget { get; }

    /// <summary>Where the plan came from: a shape's name, a file name, or null for <c>--stage</c>.</summary>
    public string? Name { get; init; }

    public TimeSpan Total => Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    public int PeakTarget => Stages.Select(s => s.Target).Append(StartTarget).Max();

    /// <summary>A plan of one stage: ramp to <paramref name="bots"/> at once and hold for <paramref name="duration"/> (what a plain <c>--bots</c> run is).</summary>
    public static LoadPlan Constant(int bots, TimeSpan duration) => new([new Stage(TimeSpan.Zero, bots), new Stage(duration, bots)]);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Stages.IsDefaultOrEmpty)
            problems.Add("a plan needs at least one stage.");
        if (StartTarget is < 0 or > MaxTarget)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the start target must be 0-{MaxTarget} (got {StartTarget})."));
        for (var i = 0; i < Stages.Length; i++)
        {
            var stage = Stages[i];
            if (stage.Duration < TimeSpan.Zero)
                problems.Add($"stage {i + 1}: the duration must not be negative.");
            if (stage.Target is < 0 or > MaxTarget)
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"stage {i + 1}: the target must be 0-{MaxTarget} (got {stage.Target})."));
        }
        if (!Stages.IsDefaultOrEmpty && Total <= TimeSpan.Zero)
            problems.Add("the plan's stages add up to no time at all.");
        return problems;
    }

    public override string ToString() => (Name is { } name ? name + ": " : "") + string.Join(", ", Stages);
}
