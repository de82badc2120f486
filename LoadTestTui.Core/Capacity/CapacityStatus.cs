using System.Collections.Immutable;

namespace LoadTestTui.Core.Capacity;

/// <summary>Where a search stands, for the dashboard's header line and the headless printer: immutable, replaced as it goes.</summary>
public sealed record CapacityStatus(string State, int? CurrentBots, int? BestBots, ImmutableList<StepResult> Steps, CapacityAnswer? Answer)
{
    public static CapacityStatus Starting { get; } = new("starting", null, null, [], null);

    public override string ToString() => Answer is { } answer
        ? $"capacity: {State} - {answer}"
        : $"capacity: {State}" + (BestBots is { } best ? $", holds {best:N0} so far" : "");
}
