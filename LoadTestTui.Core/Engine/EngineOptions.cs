namespace LoadTestTui.Core.Engine;

/// <summary>How the engine runs a test (the bots' own behaviour is in <see cref="Bots.BotOptions"/>).</summary>
public sealed record EngineOptions
{
    public static EngineOptions Default { get; } = new();

    /// <summary>Bots started per second.</summary>
    public double RampPerSecond { get; init; } = 100;

    /// <summary>How often a snapshot is published.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long bots get to say goodbye before stragglers are cut.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many events one snapshot carries at most; the rest are counted as dropped.</summary>
    public int MaxEventsPerTick { get; init; } = 50;

    /// <summary>Keep the latency values of each tick for <see cref="BotEngine.TakeUnreported"/> (set by a load agent).</summary>
    public bool KeepUnreported { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RampPerSecond <= 0 || double.IsNaN(RampPerSecond))
            problems.Add($"--ramp must be positive bots per second (got {RampPerSecond}).");
        if (Tick < TimeSpan.FromMilliseconds(20) || Tick > TimeSpan.FromSeconds(10))
            problems.Add("the snapshot tick must be between 0.02 and 10 seconds.");
        if (StopTimeout < TimeSpan.Zero)
            problems.Add("--stop-timeout must not be negative.");
        return problems;
    }
}
