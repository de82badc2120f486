namespace LoadTestTui.Core.Server;

/// <summary>An immutable snapshot of the server's counters.</summary>
/// <param name="SessionsOpen">Connections currently being served.</param>
/// <param name="UsersRegistered">Sessions that registered a name and have not left.</param>
/// <param name="SessionsAccepted">Connections served since start (rejected ones not included).</param>
/// <param name="SessionsRejected">Connections closed at once because <see cref="ServerOptions.MaxSessions"/> were open.</param>
/// <param name="ProtocolErrors">Sessions closed for breaking the protocol: malformed or truncated frames, rule violations
/// (chat before registering, registering twice, a bad name) and unexpected packets.</param>
/// <param name="UnexpectedPackets">Of those, packets a client must never send (server-to-client or login-server types).</param>
/// <param name="SlowConsumersDropped">Sessions closed because their send queue filled up.</param>
/// <param name="QueuedBytes">Bytes currently queued for sending across all sessions.</param>
public readonly record struct ServerStats(
    int SessionsOpen,
    int UsersRegistered,
    long SessionsAccepted,
    long SessionsRejected,
    long FramesIn,
    long FramesOut,
    long BytesIn,
    long BytesOut,
    long Chats,
    long Pings,
    long Heartbeats,
    long ProtocolErrors,
    long UnexpectedPackets,
    long SlowConsumersDropped,
    long QueuedBytes);
