using System.Collections.Immutable;

namespace LoadTestTui.Core.Engine;

/// <summary>What an engine tells <see cref="SnapshotAssembler"/> about its run at a tick, besides its counters and latencies.</summary>
internal sealed record RunMeta
{
    public required TimeSpan Elapsed { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required RunState State { get; init; }
    public required string RunId { get; init; }
    public bool ChatPaused { get; init; }
    public int Target { get; init; }
    public TimeSpan? Duration { get; init; }
    public double RampPerSecond { get; init; }

    /// <summary>Why the ramp is slower than asked, for a person; empty when it is not held back.</summary>
    public string RampLimit { get; init; } = "";

    public LoadPlan? Plan { get; init; }
    public ImmutableArray<EngineEvent> Events { get; init; } = [];
    public ImmutableArray<BotRow> Bots { get; init; } = [];
    public ImmutableArray<AgentStatus> Agents { get; init; } = [];

    /// <summary>Whether this tick counts toward the online ratio: the run is active and not stopping.</summary>
    public bool Counting { get; init; }
}
