namespace LoadTestTui.Core.Protocol;

/// <summary>
/// One decoded or to-be-encoded chat packet. A single value type for every kind keeps the
/// read path free of boxing and allocation (beyond the decoded strings); fields a kind
/// does not carry stay default. Build packets with the factory methods below.
/// </summary>
public readonly record struct Packet(
    PacketType Type,
    string? Name = null,
    string? Text = null,
    ulong ClientTimestamp = 0,
    ulong ServerTimestamp = 0,
    uint Sequence = 0,
    string[]? Names = null)
{
    public static Packet ExitRequest() => new(PacketType.ReqExit);
    public static Packet ExitAnswer() => new(PacketType.AnsExit);
    public static Packet Heartbeat() => new(PacketType.NotifyHeartbeat);
    public static Packet Register(string name) => new(PacketType.ReqRegistChattingName, Name: name);
    public static Packet Chat(string text, ulong clientTimestamp) => new(PacketType.ReqChatting, Text: text, ClientTimestamp: clientTimestamp);
    public static Packet ChatMessage(string name, string text, ulong serverTimestamp) => new(PacketType.AnsChatting, Name: name, Text: text, ServerTimestamp: serverTimestamp);
    public static Packet NewUser(string name) => new(PacketType.AnsNewUserNotify, Name: name);
    public static Packet UserList(string[] names) => new(PacketType.AnsUserList, Names: names);
    public static Packet ExitUser(string name) => new(PacketType.AnsExitUser, Name: name);

    /// <summary>The original clients send no name; the server decodes one only when the body carries it.</summary>
    public static Packet ChatExit(string? name = null) => new(PacketType.ReqChatExit, Name: name);
    public static Packet Ping(ulong clientTimestamp, uint sequence) => new(PacketType.ReqPing, ClientTimestamp: clientTimestamp, Sequence: sequence);
    public static Packet Pong(ulong clientTimestamp, ulong serverTimestamp, uint sequence) => new(PacketType.AnsPong, ClientTimestamp: clientTimestamp, ServerTimestamp: serverTimestamp, Sequence: sequence);

    /// <summary>Bytes this packet took on the wire (set when decoded; 0 when built locally).</summary>
    public int FrameLength { get; init; }

    /// <summary>A login-server packet (ids 130, 132-140, 148-158): framed correctly, never handled by chat.</summary>
    public bool IsForeign => !PacketTypes.IsChat((long)Type);
}
