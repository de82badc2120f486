using System.Collections.Immutable;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// What an agent publishes on <see cref="ClusterSubjects.Reports"/>: every second while idle
/// (so a controller can find it) and every tick while running (its run's figures). Per-bot rows
/// travel only when the controller asks (a row limit in its beat, a snapshot request) and in the
/// final report.
/// </summary>
public sealed record AgentReport : IClusterMessage
{
    public static int CurrentVersion => 2;

    public int Version { get; init; } = CurrentVersion;

    public required string AgentId { get; init; }

    public required string Name { get; init; }

    /// <summary>The machine the agent runs on.</summary>
    public required string Host { get; init; }

    public int ProcessId { get; init; }

    /// <summary>Counts up with every report of this agent (a controller waits for a later one after a snapshot request).</summary>
    public long Sequence { get; init; }

    /// <summary>The agent process's CPU use since its previous report, in percent of one core.</summary>
    public double CpuPercent { get; init; }

    /// <summary>The controller this agent works for; empty while idle.</summary>
    public string ControllerId { get; init; } = "";

    public string RunId { get; init; } = "";

    /// <summary>The agent's run has ended: this is its last report for the run, with every bot row.</summary>
    public bool Final { get; init; }

    /// <summary>The run's figures on this agent; null while idle.</summary>
    public AgentFigures? Figures { get; init; }

    /// <summary>The agent's events since its previous report (bounded by the engine per tick).</summary>
    public ImmutableArray<EngineEvent> Events { get; init; } = [];

    /// <summary>Per-bot rows (null unless asked for, or final).</summary>
    public ImmutableArray<BotRow>? Bots { get; init; }

    /// <summary>More rows of the same set follow in the next report(s): a NATS message holds at most 1 MB by default.</summary>
    public bool MoreRows { get; init; }
}
