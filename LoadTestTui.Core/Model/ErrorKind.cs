namespace LoadTestTui.Core.Model;

/// <summary>How a bot's connection went wrong. Counted per class in every snapshot and export.</summary>
public enum ErrorKind : byte
{
    ConnectRefused,
    ConnectTimeout,
    Unreachable,
    ConnectionReset,
    ClosedByServer,
    ProtocolError,
    UnexpectedPacket,
    SendFailed,
    ResponseTimeout,

    /// <summary>The load agent running the bot stopped reporting to the cluster's controller.</summary>
    AgentLost,
}

public static class ErrorKinds
{
    public static IReadOnlyList<ErrorKind> All { get; } = Enum.GetValues<ErrorKind>();

    /// <summary>The snake_case name used in exports and logs.</summary>
    public static string Name(this ErrorKind kind) => kind switch
    {
        ErrorKind.ConnectRefused => "connect_refused",
        ErrorKind.ConnectTimeout => "connect_timeout",
        ErrorKind.Unreachable => "unreachable",
        ErrorKind.ConnectionReset => "connection_reset",
        ErrorKind.ClosedByServer => "closed_by_server",
        ErrorKind.ProtocolError => "protocol_error",
        ErrorKind.UnexpectedPacket => "unexpected_packet",
        ErrorKind.SendFailed => "send_failed",
        ErrorKind.ResponseTimeout => "response_timeout",
        ErrorKind.AgentLost => "agent_lost",
        _ => kind.ToString(),
    };
}
