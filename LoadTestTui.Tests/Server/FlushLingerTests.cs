using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Server;

/// <summary>The server with its writers lingering: batching must never change what each client receives.</summary>
[TestClass]
public sealed class FlushLingerTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(50)]
    public async Task ChatBurst_WithLinger_EveryRecipientGetsEveryFrameInOrder(int lingerMs)
    {
        const int Chats = 300;
        var options = ServerOptions.Default with { FlushLinger = TimeSpan.FromMilliseconds(lingerMs) };
        await using var server = await TestServers.StartAsync(options);
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var carol = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob", expectedOthers: 1);
        await carol.RegisterAsync("carol", expectedOthers: 2);
        await alice.ReceiveAsync(PacketType.AnsNewUserNotify);
        await alice.ReceiveAsync(PacketType.AnsNewUserNotify);
        await bob.ReceiveAsync(PacketType.AnsNewUserNotify);

        for (var i = 0; i < Chats; i++)
            await alice.SendAsync(Packet.Chat($"line {i}", (uint)i));

        foreach (var client in new[] { alice, bob, carol })
        {
            for (var i = 0; i < Chats; i++)
            {
                var message = await client.ReceiveAsync();
                Assert.AreEqual(PacketType.AnsChatting, message.Type);
                Assert.AreEqual($"-> : line {i}", message.Text);
            }
        }
        Assert.AreEqual(0, server.Stats.ProtocolErrors);
        Assert.AreEqual(0, server.Stats.SlowConsumersDropped);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(10)]
    public async Task PingRightAfterAChatBurst_PongComesAfterEveryEcho(int lingerMs)
    {
        // A quiet server sends answers from the reading thread when nothing is queued; with echoes
        // still queued or on their way out, the pong must wait its turn.
        var options = ServerOptions.Default with { FlushLinger = TimeSpan.FromMilliseconds(lingerMs) };
        await using var server = await TestServers.StartAsync(options);
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        for (var round = 0; round < 20; round++)
        {
            var burst = new List<byte>();
            for (var i = 0; i < 50; i++)
                burst.AddRange(alice.Codec.Encode(Packet.Chat($"{round}.{i}", 1)));
            burst.AddRange(alice.Codec.Encode(Packet.Ping(1, (uint)round)));
            await alice.SendRawAsync(burst.ToArray()); // one write: the server reads chats and ping together

            var (pong, echoes) = await alice.ReceiveUntilAsync(PacketType.AnsPong);
            Assert.AreEqual((uint)round, pong.Sequence);
            CollectionAssert.AreEqual(Enumerable.Range(0, 50).Select(i => $"-> : {round}.{i}").ToList(), echoes.Select(p => p.Text).ToList(), $"round {round}");
        }
    }

    [TestMethod]
    public async Task QuietSession_WithLongLinger_AnswerIsNotHeldBack()
    {
        var options = ServerOptions.Default with { FlushLinger = ServerOptions.MaxFlushLinger };
        await using var server = await TestServers.StartAsync(options);
        await using var client = await ProtocolClient.ConnectAsync(server.EndPoint);
        var ticker = server.FlushTicker!;
        // An idle ticker sleeps and ticks again only after a busy tick's worth of sends: from here no tick ends on its own.
        await Eventually.TrueAsync(() => ticker.Sleeping, "the idle server's ticker sleeps");
        var tick = ticker.Current;

        await client.SendAsync(Packet.Ping(1, 1));
        var pong = await client.ReceiveAsync(PacketType.AnsPong);

        Assert.AreEqual(1u, pong.Sequence);
        Assert.AreSame(tick, ticker.Current, "the pong left within the tick it was asked in");
        Assert.IsFalse(tick.Ended.IsCompleted, "no tick ended before the pong left");
    }
}
