namespace LoadTestTui.Core.Model;

/// <summary>
/// The part of a bot's behaviour a load plan may change while the run goes on: the chat,
/// heartbeat and ping intervals. Bots read the current one from their run on every wake-up.
/// </summary>
public readonly record struct BotBehaviour(TimeSpan ChatIntervalMin, TimeSpan ChatIntervalMax, TimeSpan HeartbeatInterval, TimeSpan PingInterval)
{
    /// <summary>Both chat bounds zero means the bots do not chat.</summary>
    public bool Chats => ChatIntervalMax > TimeSpan.Zero;
}
