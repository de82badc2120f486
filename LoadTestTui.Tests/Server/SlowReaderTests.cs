using System.Net.Sockets;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Server;

[TestClass]
[DoNotParallelize] // a flood that must fill one reader's queue while the others keep up: timing under load
public sealed class SlowReaderTests
{
    private const int QueueBytes = 256 * 1024;

    [TestMethod]
    [DataRow(0)]
    [DataRow(50)]
    public async Task SlowReader_NeverReadingDuringFlood_IsDroppedWhileOthersCarryOn(int lingerMs)
    {
        var options = ServerOptions.Default with { SendQueueFrames = 64, SendQueueBytes = QueueBytes, FlushLinger = TimeSpan.FromMilliseconds(lingerMs) };
        await using var server = await TestServers.StartAsync(options);
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob", expectedOthers: 1);

        // A tiny receive window and no reads: everything sent to it piles up on the server side.
        using var slow = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync(server.EndPoint).WaitAsync(ProtocolClient.DefaultTimeout);
        await slow.SendAsync(FrameCodec.Default.Encode(Packet.Register("slow"))).WaitAsync(ProtocolClient.DefaultTimeout);
        await Eventually.TrueAsync(() => server.Stats.UsersRegistered == 3, "slow registered");

        var chat = Packet.Chat(new string('x', 4000), 1);
        var frameBytes = FrameCodec.Default.Encode(chat).Length;
        long flooded = 0, maxQueued = 0;
        for (var round = 0; round < 1000 && server.Stats.SlowConsumersDropped == 0; round++)
        {
            for (var i = 0; i < 10; i++)
                await alice.SendAsync(chat);
            // Pace on alice's own echoes, so only the reader that never reads can fall behind.
            await alice.SyncAsync((uint)round);
            flooded += 10 * frameBytes;
            maxQueued = Math.Max(maxQueued, server.Stats.QueuedBytes);
        }

        Assert.AreEqual(1, server.Stats.SlowConsumersDropped, $"after flooding {flooded} bytes");
        // It really was flooded past its bound, and the server never held more than the bounds allow.
        Assert.IsGreaterThan(4L * QueueBytes, flooded);
        Assert.IsLessThanOrEqualTo(3L * QueueBytes, maxQueued);
        await Eventually.TrueAsync(() => server.Stats is { UsersRegistered: 2, SessionsOpen: 2 }, "slow's session ended");

        await alice.SendAsync(Packet.Chat("after the flood", 2));
        var (message, skipped) = await bob.ReceiveUntilAsync(PacketType.AnsChatting, maxSkipped: 1_000_000);
        while (message.Text != "-> : after the flood")
        {
            (message, var more) = await bob.ReceiveUntilAsync(PacketType.AnsChatting);
            skipped.AddRange(more);
        }
        Assert.IsTrue(skipped.Any(p => p is { Type: PacketType.AnsExitUser, Name: "slow" }), "bob was told slow left");
        Assert.IsNull(alice.End);
        Assert.IsNull(bob.End);
        Assert.AreEqual(0, server.Stats.ProtocolErrors);
        await Eventually.TrueAsync(() => server.Stats.QueuedBytes < QueueBytes, "queues drained once the flood ended");
    }
}
