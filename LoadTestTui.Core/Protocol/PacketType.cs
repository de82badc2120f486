namespace LoadTestTui.Core.Protocol;

/// <summary>Packet ids of the chat protocol (the 8-byte type that opens every body).</summary>
public enum PacketType : long
{
    ReqExit = 128,
    AnsExit = 129,
    NotifyHeartbeat = 131,
    ReqRegistChattingName = 141,
    ReqChatting = 142,
    AnsChatting = 143,
    AnsNewUserNotify = 144,
    AnsUserList = 145,
    AnsExitUser = 146,
    ReqChatExit = 147,
    ReqPing = 159,
    AnsPong = 160,
}

public static class PacketTypes
{
    /// <summary>
    /// Ids 130, 132-140 and 148-158 belong to the login server and database agent of the
    /// original system: they are framed like chat packets but a chat peer must treat them
    /// as unexpected, never as garbage.
    /// </summary>
    public static bool IsForeignKnown(long id) =>
        id == 130 || (id >= 132 && id <= 140) || (id >= 148 && id <= 158);

    public static bool IsChat(long id) => Enum.IsDefined((PacketType)id);
}
