using System.Buffers;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Loops;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Bots;

/// <summary>
/// A bot's whole receive path over a real loopback socket, on a loop of its own: epoll, recv,
/// framing (frames cut across reads included) and the bot's frame handler. What the loop's
/// thread allocates is read on that thread. Bot 2 is there to be the chats' sender.
/// </summary>
[TestClass]
public sealed class BotSocketReceiveTests
{
    private const int Frames = 100_000;
    private const int WarmUp = 10_000;
    private const string RunId = "s0ck";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly FrameCodec Codec = new(ProtocolOptions.Default);

    public static IEnumerable<object[]> Kinds => [["tagged chat from another bot"], ["new user"], ["exit user"], ["user list"], ["pong"]];

    [TestMethod]
    [DynamicData(nameof(Kinds))]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task FramesOverASocket_AfterWarmUp_TheLoopAllocatesNothing(string kind)
    {
        var measure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var warmUp = Encode(kind, WarmUp, firstSequence: 1);
        var measured = Encode(kind, Frames, firstSequence: WarmUp + 1);
        await using var server = new ScriptedServer(async (socket, _, ct) =>
        {
            var name = await ReadRegisterAsync(socket, ct);
            await socket.SendAsync(Codec.Encode(Packet.UserList([name])), SocketFlags.None, ct);
            if (name != "Bot_0001")
            {
                await Task.Delay(Timeout.Infinite, ct); // bot 2 only sends (its tag is on the chats)
                return;
            }
            // The warm-up ends with a frame cut in two, so the loop makes its remainder buffer now, not later.
            await socket.SendAsync(warmUp.AsMemory(0, warmUp.Length - 5), SocketFlags.None, ct);
            await Task.Delay(200, ct);
            await socket.SendAsync(warmUp.AsMemory(warmUp.Length - 5), SocketFlags.None, ct);
            await measure.Task.WaitAsync(ct);
            await socket.SendAsync(measured, SocketFlags.None, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var loops = new EventLoops(LoopBackend.Epoll, 1);
        var quiet = BotOptions.Default with
        {
            Host = "127.0.0.1",
            Port = server.Port,
            HeartbeatInterval = TimeSpan.Zero,
            PingInterval = TimeSpan.Zero,
            ChatIntervalMin = TimeSpan.Zero,
            ChatIntervalMax = TimeSpan.Zero,
        };
        await using var engine = new BotEngine(quiet, EngineOptions.Default with { Tick = TimeSpan.FromMilliseconds(50), StopTimeout = TimeSpan.FromMilliseconds(200), Loops = loops });
        engine.Start(2, null, null, RunId);
        const long Before = 1 + WarmUp + 1;
        await Wait.UntilAsync(() => engine.Latest.FramesReceived == Before, Patience, "the warm-up frames at bot 1");

        var loop = loops.For(0);
        var allocatedBefore = loop.AllocatedBytes(Patience);
        measure.SetResult();
        await Wait.UntilAsync(() => engine.Latest.FramesReceived == Before + Frames, Patience, $"{Frames:N0} '{kind}' frames at bot 1");
        var allocated = loop.AllocatedBytes(Patience) - allocatedBefore;

        Assert.AreEqual(0L, allocated, $"the loop allocated {allocated} bytes for {Frames:N0} '{kind}' frames");
        Assert.AreEqual(0L, engine.Latest.ErrorCount);
        Assert.AreEqual(0L, loop.Faults, loop.LastFault);
    }

    /// <summary>Frames as the server would send them; chats are tagged as sent by bot 2 of the run.</summary>
    private static byte[] Encode(string kind, int count, uint firstSequence) =>
        ReceivedFrames.Encode(Codec, count, firstSequence, sequence => kind == "tagged chat from another bot"
            ? Packet.ChatMessage("Bot_0002", "-> : " + new ChatTag(RunId, 2, sequence).AppendTo("Hello everyone!"), 42)
            : ReceivedFrames.Plain(kind, sequence));

    private static async Task<string> ReadRegisterAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[ProtocolOptions.DefaultMaxFrameSize];
        var have = 0;
        while (true)
        {
            have += await socket.ReceiveAsync(buffer.AsMemory(have), SocketFlags.None, ct);
            if (Codec.TryRead(new ReadOnlySequence<byte>(buffer, 0, have), out var packet, out _, out _) == ReadStatus.Complete)
                return packet.Name!;
        }
    }
}
