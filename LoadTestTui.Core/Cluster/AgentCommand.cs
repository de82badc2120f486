using System.Text.Json.Serialization;

namespace LoadTestTui.Core.Cluster;

public enum CommandKind
{
    Start,
    Scale,
    Stop,
    Broadcast,
    Pause,
    Snapshot,
    Stage,
}

/// <summary>
/// One command from the controller to one agent, sent by NATS request/reply and answered by a
/// <see cref="CommandAck"/>. Every command names its controller and run: an agent working for
/// one controller refuses commands from any other.
/// </summary>
public sealed record AgentCommand : IClusterMessage
{
    public static int CurrentVersion => 1;

    public int Version { get; init; } = CurrentVersion;

    public required string ControllerId { get; init; }

    public required string RunId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // required, and Start is the enum's default
    public required CommandKind Kind { get; init; }

    /// <summary>Start: what to run.</summary>
    public WorkOrder? Work { get; init; }

    /// <summary>Scale and Stage: this agent's new bot count.</summary>
    public int Count { get; init; }

    /// <summary>Stage: the plan's stage (0-based) that begins now.</summary>
    public int Stage { get; init; }

    /// <summary>Broadcast: the text.</summary>
    public string? Text { get; init; }

    /// <summary>Pause: true pauses random chat, false resumes it.</summary>
    public bool Paused { get; init; }
}
