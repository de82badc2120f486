using System.Buffers;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Support;

/// <summary>Frames of the kinds a bot receives, for receive-path tests: the ones whose content does not depend on the run.</summary>
internal static class ReceivedFrames
{
    public static Packet Plain(string kind, uint sequence) => kind switch
    {
        "untagged chat" => Packet.ChatMessage("someone", "-> : 안녕하세요! a real user", 42),
        "new user" => Packet.NewUser("Bot_1234"),
        "exit user" => Packet.ExitUser("Bot_1234"),
        "user list" => Packet.UserList([.. Enumerable.Range(1, 20).Select(n => $"Bot_{n:D4}")]),
        "pong" => Packet.Pong(1, 2, sequence),
        _ => throw new ArgumentException(kind),
    };

    /// <summary><paramref name="count"/> frames back to back, the i-th made for sequence <paramref name="firstSequence"/> + i.</summary>
    public static byte[] Encode(FrameCodec codec, int count, uint firstSequence, Func<uint, Packet> frame)
    {
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < count; i++)
            codec.Write(frame(firstSequence + (uint)i), output);
        return output.WrittenSpan.ToArray();
    }
}
