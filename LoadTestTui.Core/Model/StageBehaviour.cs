
namespace LoadTestTui.Core.Model;

/// <summary>
/// A stage's change to the bots' behaviour, for that stage only; a null field keeps the run's
/// own setting. A "chat storm" stage is <c>ChatIntervalMin = ChatIntervalMax = 0.2 s</c>.
/// </summary>
public sealed record StageBehaviour
{
    public TimeSpan? ChatIntervalMin { get; init; }
    public TimeSpan? ChatIntervalMax { get; init; }
    public TimeSpan? HeartbeatInterval { get; init; }
    public TimeSpan? PingInterval { get; init; }

    public BotBehaviour ApplyTo(BotBehaviour baseline) => new(
        ChatIntervalMin ?? baseline.ChatIntervalMin,
        ChatIntervalMax ?? baseline.ChatIntervalMax,
        HeartbeatInterval ?? baseline.HeartbeatInterval,
        PingInterval ?? baseline.PingInterval);

    /// <summary>Short text for headers and logs, e.g. <c>chat 0.2-0.5s, ping 5s</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (ChatIntervalMin is { } min && ChatIntervalMax is { } max)
            parts.Add(max == TimeSpan.Zero ? "no chat" : min == max ? $"chat {DurationText.Format(min)}" : $"chat {DurationText.Format(min)}-{DurationText.Format(max)}");
        if (HeartbeatInterval is { } heartbeat)
            parts.Add(heartbeat == TimeSpan.Zero ? "no heartbeat" : $"heartbeat {DurationText.Format(heartbeat)}");
        if (PingInterval is { } ping)
            parts.Add(ping == TimeSpan.Zero ? "no ping" : $"ping {DurationText.Format(ping)}");
        return string.Join(", ", parts);
    }
}
