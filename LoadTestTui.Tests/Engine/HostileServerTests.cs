using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

/// <summary>Servers that misbehave on purpose: every fault is a counted error of the right class, then a reconnect.</summary>
[TestClass]
[DoNotParallelize] // bounds the process's memory growth (GC.GetTotalMemory), which other tests move
public sealed class HostileServerTests
{
    private static readonly FrameCodec Codec = FrameCodec.Default;

    public static IEnumerable<object[]> Scripts =>
    [
        ["garbage bytes", ErrorKind.ProtocolError],
        ["length below minimum", ErrorKind.ProtocolError],
        ["length of a gigabyte", ErrorKind.ProtocolError],
        ["unknown packet type", ErrorKind.ProtocolError],
        ["closes mid-frame", ErrorKind.ProtocolError],
        ["silent", ErrorKind.ResponseTimeout],
        ["silent after user list", ErrorKind.ResponseTimeout],
        ["abrupt reset", ErrorKind.ConnectionReset],
        ["closes at once", ErrorKind.ClosedByServer],
    ];

    [TestMethod]
    [DynamicData(nameof(Scripts))]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task HostileServer_ErrorCountedByClass_BotsReconnect_NoCrash(string script, ErrorKind expected)
    {
        await using var server = new ScriptedServer((socket, _, ct) => Run(script, socket, ct));
        var options = TestServers.FastBots(server.Port) with { ResponseTimeout = TimeSpan.FromMilliseconds(600) };
        await using var engine = new BotEngine(options, TestServers.FastEngine);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        engine.Start(3);
        await Wait.UntilAsync(() => server.Accepted >= 9 && engine.Latest.Errors[expected] >= 6, TimeSpan.FromSeconds(20),
            $"repeated '{expected.Name()}' errors and reconnects (accepted {server.Accepted}, errors {string.Join(", ", engine.Latest.Errors.Where(e => e.Value > 0))})");
        await Wait.ForAsync(engine.StopAsync(), TimeSpan.FromSeconds(15), "stop");

        var s = engine.Latest;
        Assert.IsGreaterThanOrEqualTo(6L, s.Reconnects);
        Assert.AreEqual(s.Errors[expected], s.Errors.Where(e => e.Key != ErrorKind.UnexpectedPacket).Max(e => e.Value), "the expected class dominates");
        Assert.IsTrue(s.Bots.All(b => b.LastError is not null), "each bot says what went wrong");
        var grown = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Assert.IsLessThan(64L * 1024 * 1024, grown, $"memory grew by {grown / 1024} KB");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task LoginServerPackets_CountedUnexpected_BotStaysOnline()
    {
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            await SendAsync(socket, Packet.UserList([]), ct);
            for (var i = 0; i < 5; i++)
                await SendRawAsync(socket, Frame(w => { w.Int64(135); w.Int32(0); }), ct);
            await SendAsync(socket, Packet.ExitAnswer(), ct); // an exit nobody asked for
            await ScriptedServer.DrainAsync(socket, ct);
        });
        await using var engine = new BotEngine(TestServers.FastBots(server.Port) with { ChatIntervalMax = TimeSpan.Zero, ChatIntervalMin = TimeSpan.Zero, PingInterval = TimeSpan.Zero }, TestServers.FastEngine);
        engine.Start(1);
        await Wait.UntilAsync(() => engine.Latest.Errors[ErrorKind.UnexpectedPacket] == 6, TimeSpan.FromSeconds(10), "6 unexpected packets counted");
        var frames = engine.Latest.FramesSent;
        // A heartbeat sent after the packets were counted: the connection outlived them.
        await Wait.UntilAsync(() => engine.Latest.FramesSent > frames, TimeSpan.FromSeconds(10), "a heartbeat after the unexpected packets");
        Assert.AreEqual(1, engine.Latest.States.Online);
        Assert.AreEqual(1, server.Accepted, "no reconnect: unexpected packets are not fatal");
    }

    [TestMethod]
    [Timeout(30_000, CooperativeCancellation = true)]
    public async Task NegativeStringCount_CountedAsProtocolErrorWithItsReason()
    {
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            await SendAsync(socket, Packet.UserList([]), ct);
            await SendRawAsync(socket, Frame(w => { w.Int64(143); w.Int32(-7); }), ct);
        });
        await using var engine = new BotEngine(TestServers.FastBots(server.Port), TestServers.FastEngine);
        engine.Start(1);
        await Wait.UntilAsync(() => engine.Latest.Errors[ErrorKind.ProtocolError] >= 1, TimeSpan.FromSeconds(10), "protocol error");
        await Wait.ForAsync(engine.StopAsync(), TimeSpan.FromSeconds(15), "stop"); // the bot reconnects and meets the frame again: compare final counts
        var s = engine.Latest;
        Assert.AreEqual(s.Errors[ErrorKind.ProtocolError], s.ProtocolErrors[ProtocolErrorKind.StringCountNegative], "every protocol error is the negative string count");
    }

    private static async Task Run(string script, Socket socket, CancellationToken ct)
    {
        switch (script)
        {
            case "garbage bytes":
                await SendRawAsync(socket, Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11)).ToArray(), ct);
                break;
            case "length below minimum":
                await SendRawAsync(socket, Frame(w => w.Int32(0), lengthOverride: 5), ct);
                break;
            case "length of a gigabyte":
                await SendRawAsync(socket, Frame(w => w.Int64(143), lengthOverride: 1 << 30), ct);
                break;
            case "unknown packet type":
                await SendRawAsync(socket, Frame(w => w.Int64(9999)), ct);
                break;
            case "closes mid-frame":
                await SendAsync(socket, Packet.UserList([]), ct);
                var chat = Codec.Encode(Packet.ChatMessage("x", "half a frame", 1));
                await SendRawAsync(socket, chat[..(chat.Length / 2)], ct);
                socket.Shutdown(SocketShutdown.Send);
                await ScriptedServer.DrainAsync(socket, ct);
                return;
            case "silent":
                await ScriptedServer.DrainAsync(socket, ct);
                return;
            case "silent after user list":
                await SendAsync(socket, Packet.UserList([]), ct);
                await ScriptedServer.DrainAsync(socket, ct);
                return;
            case "abrupt reset":
                // Reset once the bot is online: its register frame in, the user list out, its first heartbeat or ping in.
                await ScriptedServer.ReceiveSomeAsync(socket, ct);
                await SendAsync(socket, Packet.UserList([]), ct);
                await ScriptedServer.ReceiveSomeAsync(socket, ct);
                ScriptedServer.Reset(socket);
                return;
            case "closes at once":
                socket.Shutdown(SocketShutdown.Both);
                return;
        }
        await ScriptedServer.DrainAsync(socket, ct);
    }

    private static Task SendAsync(Socket socket, Packet packet, CancellationToken ct) => SendRawAsync(socket, Codec.Encode(packet), ct);

    private static async Task SendRawAsync(Socket socket, byte[] bytes, CancellationToken ct) => await socket.SendAsync(bytes, ct);

    /// <summary>A frame with a hand-built body, obfuscated with the default key; the length can lie.</summary>
    private static byte[] Frame(Action<RawFrame> body, int? lengthOverride = null)
    {
        var frame = new RawFrame();
        body(frame);
        return frame.ToFrame(ProtocolOptions.DefaultKey, lengthOverride);
    }
}
