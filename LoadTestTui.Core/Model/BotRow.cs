
namespace LoadTestTui.Core.Model;

/// <summary>One bot's small figures at a tick. RTTs are chat-echo round trips in milliseconds (NaN before the first).</summary>
public readonly record struct BotRow(
    int Id,
    string Name,
    BotState State,
    long MessagesSent,
    long MessagesReceived,
    int Reconnects,
    string? LastError,
    double LastRttMs,
    double MinRttMs,
    double AvgRttMs,
    double MaxRttMs)
{
    /// <summary>The bot holds an open TCP connection (from connect until it closes), as the original tool's <c>connected</c>.</summary>
    public bool Connected { get; init; }

    /// <summary>Pings sent and not yet answered by a pong.</summary>
    public int PendingPings { get; init; }
}
