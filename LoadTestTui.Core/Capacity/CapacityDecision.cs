namespace LoadTestTui.Core.Capacity;

/// <summary>The search's next move: measure <see cref="NextBots"/>, or stop with <see cref="Answer"/>.</summary>
public sealed record CapacityDecision(int? NextBots, CapacityAnswer? Answer, string Phase)
{
    public static CapacityDecision Next(int bots, string phase) => new(bots, null, phase);

    public static CapacityDecision Done(CapacityAnswer answer) => new(null, answer, "done");
}
