using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Server;

/// <summary>Each bad input closes only the offending session; registered users carry on chatting.</summary>
[TestClass]
public sealed class MalformedInputTests
{
    private const string Key = ProtocolOptions.DefaultKey;

    [TestMethod]
    [DataRow("length 0")]
    [DataRow("length 4")]
    [DataRow("length 11")]
    [DataRow("length -1")]
    [DataRow("length over max")]
    [DataRow("unknown type")]
    [DataRow("negative string count")]
    [DataRow("string past end")]
    [DataRow("trailing bytes")]
    [DataRow("truncated then closed")]
    [DataRow("chat before register")]
    [DataRow("register twice")]
    [DataRow("empty name")]
    [DataRow("name over 63 bytes")]
    public async Task BadInput_FromOneSession_ClosesOnlyItAndCountsProtocolError(string input)
    {
        await using var server = await TestServers.StartAsync();
        var (alice, bob) = await TwoUsersAsync(server);
        await using (alice)
        await using (bob)
        await using (var bad = await ProtocolClient.ConnectAsync(server.EndPoint))
        {
            await SendBadInputAsync(bad, input);

            var end = await bad.ExpectClosedAsync();
            Assert.AreNotEqual(FrameLoopEndKind.ProtocolError, end.Kind, "the server must close, not send garbage");
            await Eventually.TrueAsync(() => server.Stats.ProtocolErrors == 1, "one protocol error counted");
            Assert.AreEqual(0, server.Stats.UnexpectedPackets);
            await AssertStillChattingAsync(server, alice, bob);
        }
    }

    [TestMethod]
    [DataRow(PacketType.AnsChatting)]
    [DataRow(PacketType.AnsExit)]
    [DataRow(PacketType.AnsPong)]
    [DataRow((PacketType)135)]
    public async Task ServerOrLoginPacket_FromClient_ClosesOnlyItAndCountsUnexpected(PacketType type)
    {
        await using var server = await TestServers.StartAsync();
        var (alice, bob) = await TwoUsersAsync(server);
        await using (alice)
        await using (bob)
        await using (var bad = await ProtocolClient.ConnectAsync(server.EndPoint))
        {
            var frame = type == PacketType.AnsChatting
                ? FrameCodec.Default.Encode(Packet.ChatMessage("mallory", "hi", 1))
                : type == PacketType.AnsPong
                    ? FrameCodec.Default.Encode(Packet.Pong(1, 2, 3))
                    : new RawFrame().Int64((long)type).ToFrame(Key);
            await bad.SendRawAsync(frame);

            await bad.ExpectClosedAsync();
            await Eventually.TrueAsync(() => server.Stats is { UnexpectedPackets: 1, ProtocolErrors: 1 }, "one unexpected packet counted");
            await AssertStillChattingAsync(server, alice, bob);
        }
    }

    private static async Task SendBadInputAsync(ProtocolClient bad, string input)
    {
        switch (input)
        {
            case "length 0":
                await bad.SendRawAsync(RawFrame.Header(0, Key));
                break;
            case "length 4":
                await bad.SendRawAsync(RawFrame.Header(4, Key));
                break;
            case "length 11":
                await bad.SendRawAsync(new RawFrame().Bytes(new byte[7]).ToFrame(Key));
                break;
            case "length -1":
                await bad.SendRawAsync(RawFrame.Header(-1, Key));
                break;
            case "length over max":
                await bad.SendRawAsync(RawFrame.Header(ProtocolOptions.DefaultMaxFrameSize + 1, Key));
                break;
            case "unknown type":
                await bad.SendRawAsync(new RawFrame().Int64(999).ToFrame(Key));
                break;
            case "negative string count":
                await bad.SendRawAsync(new RawFrame().Int64(141).Int32(-5).ToFrame(Key));
                break;
            case "string past end":
                await bad.SendRawAsync(new RawFrame().Int64(141).Int32(100).Bytes("abc"u8).ToFrame(Key));
                break;
            case "trailing bytes":
                await bad.SendRawAsync(new RawFrame().Int64(131).Int32(0).ToFrame(Key));
                break;
            case "truncated then closed":
                var frame = FrameCodec.Default.Encode(Packet.Register("carol"));
                await bad.SendRawAsync(frame.AsMemory(0, frame.Length - 3));
                bad.ShutdownSend();
                break;
            case "chat before register":
                await bad.SendAsync(Packet.Chat("sneaky", 1));
                break;
            case "register twice":
                await bad.RegisterAsync("carol", expectedOthers: 2);
                await bad.SendAsync(Packet.Register("carol again"));
                break;
            case "empty name":
                await bad.SendAsync(Packet.Register(""));
                break;
            case "name over 63 bytes":
                await bad.SendAsync(Packet.Register(new string('x', ServerOptions.MaxNameBytes + 1)));
                break;
            default:
                Assert.Fail($"no such case: {input}");
                break;
        }
    }

    private static async Task AssertStillChattingAsync(ChatServer server, ProtocolClient alice, ProtocolClient bob)
    {
        await alice.SendAsync(Packet.Chat("still here", 1));
        var (message, _) = await bob.ReceiveUntilAsync(PacketType.AnsChatting);
        Assert.AreEqual("-> : still here", message.Text);
        var (echo, _) = await alice.ReceiveUntilAsync(PacketType.AnsChatting);
        Assert.AreEqual("-> : still here", echo.Text);
        Assert.IsNull(alice.End);
        Assert.IsNull(bob.End);
        await Eventually.TrueAsync(() => server.Stats is { SessionsOpen: 2, UsersRegistered: 2 }, "only the bad session ended");
    }

    private static async Task<(ProtocolClient Alice, ProtocolClient Bob)> TwoUsersAsync(ChatServer server)
    {
        var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob", expectedOthers: 1);
        return (alice, bob);
    }
}
