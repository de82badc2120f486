using System.Net;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>How every bot behaves. Immutable; <see cref="Validate"/> lists every problem at once.</summary>
public sealed record BotOptions
{
    public static BotOptions Default { get; } = new();

    public string Host { get; init; } = "localhost";
    public int Port { get; init; } = 9200;
    public string NamePrefix { get; init; } = "Bot_";

    /// <summary>Random chat interval; both zero means the bots do not chat.</summary>
    public TimeSpan ChatIntervalMin { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan ChatIntervalMax { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Zero turns heartbeats off.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Zero turns pings off (some builds of the original server close on a ping).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Messages { get; init; } = MessagePool.Default;

    /// <summary>Append a delivery tag (run, sender, sequence) to each chat text.</summary>
    public bool Tagged { get; init; } = true;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a registration, echo or pong may take before the connection is declared silent.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Null: reconnect for as long as the run lasts.</summary>
    public int? MaxReconnects { get; init; }

    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public ProtocolOptions Protocol { get; init; } = ProtocolOptions.Default;

    /// <summary>The first bot's id (names and delivery tags); a load agent gets a range of its own so ids stay unique in a cluster.</summary>
    public int FirstBotId { get; init; } = 1;

    /// <summary>Bot ids 1..this belong to the same test on other agents: their tagged chats count as deliveries (0: no cluster).</summary>
    public int ClusterBotIds { get; init; }

    /// <summary>The bots' local source address (null: the system picks); several addresses go past one address's ports.</summary>
    public IPAddress? LocalAddress { get; init; }

    public bool Chats => ChatIntervalMax > TimeSpan.Zero;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
            problems.Add("--host must not be empty.");
        if (Port is < 1 or > 65535)
            problems.Add($"--port must be 1-65535 (got {Port}).");
        if (ChatIntervalMin < TimeSpan.Zero || ChatIntervalMax < ChatIntervalMin)
            problems.Add("--chat-interval must be MIN-MAX seconds with 0 <= MIN <= MAX, or 0 for no chat.");
        if (Chats && ChatIntervalMax < TimeSpan.FromMilliseconds(10))
            problems.Add("--chat-interval must be at least 0.01 s.");
        if (HeartbeatInterval < TimeSpan.Zero)
            problems.Add("--heartbeat-interval must be 0 (off) or positive.");
        if (PingInterval < TimeSpan.Zero)
            problems.Add("--ping-interval must be 0 (off) or positive.");
        if (Chats && Messages.Count == 0)
            problems.Add("--messages: the message file has no lines.");
        if (ConnectTimeout <= TimeSpan.Zero)
            problems.Add("--connect-timeout must be positive.");
        if (MaxReconnects is < 0)
            problems.Add("--max-reconnects must be 0 or more.");
        if (NamePrefix.Length > 50)
            problems.Add("--name-prefix is too long: names are at most 63 bytes on the original server.");
        if (FirstBotId < 1 || ClusterBotIds < 0)
            problems.Add("bot ids must start at 1 or more.");
        problems.AddRange(Protocol.Validate());
        return problems;
    }
}
