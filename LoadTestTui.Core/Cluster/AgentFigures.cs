using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// One agent's run figures in an <see cref="AgentReport"/>: its run's counters as of the report
/// (the controller sums the agents' latest) and the latency values recorded since its previous
/// report, by kind, in HdrHistogram's compressed encoding (the controller adds every one it receives).
/// </summary>
public sealed record AgentFigures
{
    public RunState State { get; init; }
    public bool ChatPaused { get; init; }
    public int TargetBots { get; init; }
    public RunCounters Counters { get; init; } = RunCounters.Zero;
    public string RampLimit { get; init; } = "";

    /// <summary>Latency values since the previous report by kind name (µs, compressed); a kind without values is absent.</summary>
    public ImmutableSortedDictionary<string, byte[]> Latencies { get; init; } = ImmutableSortedDictionary<string, byte[]>.Empty;

    [JsonIgnore]
    public int TotalBots => Counters.TotalBots;

    [JsonIgnore]
    public StateCounts States => Counters.States;

    public static AgentFigures From(EngineSnapshot s, ImmutableSortedDictionary<string, byte[]>? latencies)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new AgentFigures
        {
            State = s.State,
            ChatPaused = s.ChatPaused,
            TargetBots = s.TargetBots,
            Counters = s.Counters,
            RampLimit = s.RampLimit,
            Latencies = latencies ?? ImmutableSortedDictionary<string, byte[]>.Empty,
        };
    }
}
