using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Server;

/// <summary>
/// A server that is always busy, with one-second ticks: every broadcast is gathered and handed out
/// at the next tick as one slice per user. What each client receives, and in what order, must be
/// exactly what an ungathered server sends.
/// </summary>
[TestClass]
public sealed class GatheredBroadcastTests
{
    private static readonly ServerOptions AlwaysGathering = ServerOptions.Default with
    {
        FlushLinger = ServerOptions.MaxFlushLinger,
        BusyFlushesPerSecond = 0,
    };

    [TestMethod]
    public async Task FiftyJoins_EachSeesItsListThenEveryLaterJoinOnceInOrder()
    {
        const int Count = 50;
        await using var server = await TestServers.StartAsync(AlwaysGathering);
        var clients = new List<ProtocolClient>();
        try
        {
            long received = 0;
            for (var i = 0; i < Count; i++)
            {
                var client = await ProtocolClient.ConnectAsync(server.EndPoint);
                clients.Add(client);
                var frameSizes = new List<int>();
                await client.SendAsync(Packet.Register($"Bot_{i:D2}"));
                var others = await client.ReceiveUserListAsync(i, frameSizes: frameSizes);
                CollectionAssert.AreEqual(Enumerable.Range(0, i).Select(n => $"Bot_{n:D2}").ToList(), others, $"client {i}'s list");
                received += frameSizes.Count;
            }

            for (var i = 0; i < Count; i++)
            {
                // The pong is a barrier: everything broadcast before the ping was handled arrives before it.
                var before = await clients[i].SyncAsync(sequence: 7);
                received += before.Count + 1;
                Assert.IsTrue(before.All(p => p.Type == PacketType.AnsNewUserNotify), $"client {i} got {string.Join(", ", before.Select(p => p.Type))}");
                CollectionAssert.AreEqual(Enumerable.Range(i + 1, Count - 1 - i).Select(n => $"Bot_{n:D2}").ToList(), before.Select(p => p.Name).ToList(), $"client {i}'s join notifications");
            }
            // Frames, not queue entries: a slice of many notifications counts each one.
            await Eventually.TrueAsync(() => server.Stats.FramesOut == received, $"frames out {server.Stats.FramesOut}, received {received}");
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task ChatThenPing_EveryoneGetsTheChatBeforeTheirPong()
    {
        await using var server = await TestServers.StartAsync(AlwaysGathering);
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob", expectedOthers: 1);

        for (var i = 0; i < 20; i++)
            await alice.SendAsync(Packet.Chat($"line {i}", (uint)i));
        var aliceSaw = await alice.SyncAsync(sequence: 1);
        var bobSaw = await bob.SyncAsync(sequence: 1);

        var lines = Enumerable.Range(0, 20).Select(i => $"-> : line {i}").ToList();
        CollectionAssert.AreEqual(lines, aliceSaw.Where(p => p.Type == PacketType.AnsChatting).Select(p => p.Text).ToList());
        Assert.AreEqual("bob", aliceSaw.Single(p => p.Type == PacketType.AnsNewUserNotify).Name);
        CollectionAssert.AreEqual(lines, bobSaw.Select(p => p.Text).ToList(), "bob: the chats, nothing else, before his pong");
        // Handed out early to answer the pings, the chats must not come again at the tick.
        Assert.IsEmpty(await alice.SyncAsync(sequence: 2));
        Assert.IsEmpty(await bob.SyncAsync(sequence: 2));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task LeaveAfterAChat_TheChatComesFirstAndNotAgainAfterJoiningAgain(bool chatExit)
    {
        await using var server = await TestServers.StartAsync(AlwaysGathering);
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob", expectedOthers: 1);
        await alice.SendAsync(Packet.Chat("before you go", 1));
        await alice.SyncAsync(sequence: 1);

        await bob.SendAsync(chatExit ? Packet.ChatExit("bob") : Packet.ExitRequest());
        var chat = await bob.ReceiveAsync();
        Assert.AreEqual(PacketType.AnsChatting, chat.Type, $"got {chat.Type} before the exit answer");
        Assert.AreEqual("-> : before you go", chat.Text);
        await bob.ReceiveAsync(PacketType.AnsExit);
        Assert.AreEqual("bob", (await alice.ReceiveAsync(PacketType.AnsExitUser)).Name);
        if (!chatExit)
        {
            await bob.ExpectClosedAsync();
            return;
        }

        await bob.RegisterAsync("bob", expectedOthers: 1);
        await alice.SendAsync(Packet.Chat("welcome back", 2));
        await alice.SyncAsync(sequence: 2);
        var bobSaw = await bob.SyncAsync(sequence: 3);
        CollectionAssert.AreEqual(new[] { "-> : welcome back" }, bobSaw.Select(p => p.Text).ToArray(), "only what was said after he came back");
    }

    [TestMethod]
    public async Task UserListsAcrossManyFrames_StayCompleteAndInJoinOrderAfterALeave()
    {
        // Six names a frame: thirty users make lists of several closed frames that later joiners reuse.
        var options = AlwaysGathering with { Protocol = ProtocolOptions.Default with { MaxFrameSize = 83 } };
        await using var server = await TestServers.StartAsync(options);
        var clients = new List<ProtocolClient>();
        try
        {
            var expected = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                var client = await ProtocolClient.ConnectAsync(server.EndPoint, new FrameCodec(options.Protocol));
                clients.Add(client);
                CollectionAssert.AreEqual(expected, await client.RegisterAsync($"Bot_{i:D2}", expectedOthers: i), $"Bot_{i:D2}'s list");
                expected.Add($"Bot_{i:D2}");
            }

            await clients[10].SendAsync(Packet.ChatExit());
            await clients[10].ReceiveUntilAsync(PacketType.AnsExit);
            expected.Remove("Bot_10");
            await using var late = await ProtocolClient.ConnectAsync(server.EndPoint, new FrameCodec(options.Protocol));
            CollectionAssert.AreEqual(expected, await late.RegisterAsync("Late", expectedOthers: 29), "the list after Bot_10 left");
            expected.Add("Late");
            CollectionAssert.AreEqual(expected, await clients[10].RegisterAsync("Bot_10", expectedOthers: 30), "Bot_10 joining again");
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }
}
