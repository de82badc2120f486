namespace LoadTestTui.Core.Cluster;

/// <summary>An agent's reply to an <see cref="AgentCommand"/>.</summary>
public sealed record CommandAck : IClusterMessage
{
    public static int CurrentVersion => 1;

    public int Version { get; init; } = CurrentVersion;

    public required string AgentId { get; init; }

    public bool Ok { get; init; }

    /// <summary>Why the command was refused (another controller, another run, a bad order).</summary>
    public string? Error { get; init; }

    /// <summary>What the command did: bots that broadcast, or the sequence of the report a snapshot request produced.</summary>
    public long Value { get; init; }
}
