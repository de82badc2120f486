using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Server;

[TestClass]
public sealed class ChatServerTests
{
    [TestMethod]
    public async Task Register_SecondUser_GetsFirstInListAndFirstIsNotified()
    {
        await using var server = await TestServers.StartAsync();
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint);

        CollectionAssert.AreEqual(Array.Empty<string>(), await alice.RegisterAsync("alice"));
        CollectionAssert.AreEqual(new[] { "alice" }, await bob.RegisterAsync("bob", expectedOthers: 1));

        var notify = await alice.ReceiveAsync(PacketType.AnsNewUserNotify);
        Assert.AreEqual("bob", notify.Name);
        Assert.AreEqual(2, server.Stats.UsersRegistered);
    }

    [TestMethod]
    public async Task Chat_Registered_EchoedToSenderAndFannedOutWithPrefix()
    {
        await using var server = await TestServers.StartAsync();
        var (alice, bob) = await TwoUsersAsync(server);
        await using (alice)
        await using (bob)
        {
            var before = (ulong)Environment.TickCount64;
            await alice.SendAsync(Packet.Chat("hello", 42));

            var echo = await alice.ReceiveAsync(PacketType.AnsChatting);
            var fanned = await bob.ReceiveAsync(PacketType.AnsChatting);
            var after = (ulong)Environment.TickCount64;
            foreach (var message in new[] { echo, fanned })
            {
                Assert.AreEqual("alice", message.Name);
                Assert.AreEqual("-> : hello", message.Text);
                // Same process, same clock: the server stamped it between our two readings.
                Assert.IsTrue(message.ServerTimestamp >= before && message.ServerTimestamp <= after, $"timestamp {message.ServerTimestamp}");
            }
            Assert.AreEqual(1, server.Stats.Chats);
        }
    }

    [TestMethod]
    public async Task Ping_BeforeRegistering_PongEchoesTimestampAndSequence()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await ProtocolClient.ConnectAsync(server.EndPoint);

        var before = (ulong)Environment.TickCount64;
        await client.SendAsync(Packet.Ping(123_456_789_012, 7));
        var pong = await client.ReceiveAsync(PacketType.AnsPong);

        Assert.AreEqual(123_456_789_012UL, pong.ClientTimestamp);
        Assert.AreEqual(7U, pong.Sequence);
        Assert.IsTrue(pong.ServerTimestamp >= before && pong.ServerTimestamp <= (ulong)Environment.TickCount64, $"timestamp {pong.ServerTimestamp}");
        Assert.AreEqual(1, server.Stats.Pings);
    }

    [TestMethod]
    public async Task Heartbeat_Registered_IsCountedAndNotAnswered()
    {
        await using var server = await TestServers.StartAsync();
        await using var client = await ProtocolClient.ConnectAsync(server.EndPoint);
        await client.RegisterAsync("alice");

        await client.SendAsync(Packet.Heartbeat());
        // Answers come in order: if the heartbeat had an answer it would arrive before the pong.
        Assert.IsEmpty(await client.SyncAsync(sequence: 1));
        Assert.AreEqual(1, server.Stats.Heartbeats);
    }

    [TestMethod]
    public async Task ChatExit_Registered_OthersGetExitUserLeaverGetsExitAndMayRegisterAgain()
    {
        await using var server = await TestServers.StartAsync();
        var (alice, bob) = await TwoUsersAsync(server);
        await using (alice)
        await using (bob)
        {
            await bob.SendAsync(Packet.ChatExit());

            await bob.ReceiveAsync(PacketType.AnsExit);
            Assert.AreEqual("bob", (await alice.ReceiveAsync(PacketType.AnsExitUser)).Name);
            Assert.AreEqual(1, server.Stats.UsersRegistered);

            // The session stays open, unregistered: chats from alice no longer reach bob.
            await alice.SendAsync(Packet.Chat("only alice", 1));
            await alice.ReceiveAsync(PacketType.AnsChatting);
            Assert.IsEmpty(await bob.SyncAsync());

            CollectionAssert.AreEqual(new[] { "alice" }, await bob.RegisterAsync("bob2", expectedOthers: 1));
            Assert.AreEqual("bob2", (await alice.ReceiveAsync(PacketType.AnsNewUserNotify)).Name);
        }
    }

    [TestMethod]
    public async Task ExitRequest_Registered_AnswersThenClosesAndOthersGetExitUser()
    {
        await using var server = await TestServers.StartAsync();
        var (alice, bob) = await TwoUsersAsync(server);
        await using (alice)
        await using (bob)
        {
            await bob.SendAsync(Packet.ExitRequest());

            await bob.ReceiveAsync(PacketType.AnsExit);
            Assert.AreEqual(FrameLoopEndKind.RemoteClosed, (await bob.ExpectClosedAsync()).Kind);
            Assert.AreEqual("bob", (await alice.ReceiveAsync(PacketType.AnsExitUser)).Name);
            Assert.AreEqual(0, server.Stats.ProtocolErrors);
        }
    }

    [TestMethod]
    public async Task DroppedConnection_Registered_OthersGetExitUserAndUserIsRemoved()
    {
        await using var server = await TestServers.StartAsync();
        var (alice, bob) = await TwoUsersAsync(server);
        await using (alice)
        await using (bob)
        {
            bob.Abort();

            Assert.AreEqual("bob", (await alice.ReceiveAsync(PacketType.AnsExitUser)).Name);
            await Eventually.TrueAsync(() => server.Stats is { UsersRegistered: 1, SessionsOpen: 1 }, "bob's session is gone");
            Assert.AreEqual(0, server.Stats.ProtocolErrors);
        }
    }

    [TestMethod]
    public async Task FiftyClients_RegisterInTurn_ListsGrowAndOneChatReachesEachOnce()
    {
        const int count = 50;
        await using var server = await TestServers.StartAsync();
        var clients = new List<ProtocolClient>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var client = await ProtocolClient.ConnectAsync(server.EndPoint);
                clients.Add(client);
                var others = await client.RegisterAsync($"Bot_{i + 1:D4}", expectedOthers: i);
                Assert.HasCount(i, others);
                CollectionAssert.AreEquivalent(Enumerable.Range(1, i).Select(n => $"Bot_{n:D4}").ToList(), others);
            }

            await clients[0].SendAsync(Packet.Chat("to everyone", 5));

            for (var i = 0; i < count; i++)
            {
                var before = await clients[i].SyncAsync(sequence: 99);
                var chats = before.Where(p => p.Type == PacketType.AnsChatting).ToList();
                var joins = before.Count(p => p.Type == PacketType.AnsNewUserNotify);
                if (chats.Count == 0)
                {
                    // The chat may still be on its way to this client: it must come next, and only once.
                    chats.Add(await clients[i].ReceiveAsync(PacketType.AnsChatting));
                    Assert.IsEmpty(await clients[i].SyncAsync(sequence: 100));
                }
                Assert.HasCount(1, chats, $"client {i}");
                Assert.AreEqual("-> : to everyone", chats[0].Text);
                Assert.AreEqual("Bot_0001", chats[0].Name);
                Assert.AreEqual(count - 1 - i, joins, $"client {i} join notifications");
            }
            Assert.AreEqual(count, server.Stats.UsersRegistered);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    [TestMethod]
    [DataRow("utf-8")]
    [DataRow("cp949")]
    public async Task Chat_KoreanText_RoundTripsInConfiguredEncoding(string encoding)
    {
        var protocol = ProtocolOptions.Default with { Encoding = encoding };
        var codec = new FrameCodec(protocol);
        await using var server = await TestServers.StartAsync(ServerOptions.Default with { Protocol = protocol });
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint, codec);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint, codec);
        await alice.RegisterAsync("봇_하나");
        CollectionAssert.AreEqual(new[] { "봇_하나" }, await bob.RegisterAsync("봇_둘", expectedOthers: 1));

        await alice.SendAsync(Packet.Chat("안녕하세요 모든 봇들!", 1));

        var message = await bob.ReceiveAsync(PacketType.AnsChatting);
        Assert.AreEqual("봇_하나", message.Name);
        Assert.AreEqual("-> : 안녕하세요 모든 봇들!", message.Text);
        Assert.AreEqual("봇_둘", (await alice.ReceiveAsync(PacketType.AnsNewUserNotify)).Name);
    }

    [TestMethod]
    public async Task UserList_SmallMaxFrame_IsSplitIntoFramesThatFit()
    {
        const int users = 30;
        var protocol = ProtocolOptions.Default with { MaxFrameSize = 120 };
        // The client enforces the same maximum: an oversized list frame would end its read loop.
        var codec = new FrameCodec(protocol);
        await using var server = await TestServers.StartAsync(ServerOptions.Default with { Protocol = protocol });
        var clients = new List<ProtocolClient>();
        try
        {
            for (var i = 0; i < users - 1; i++)
            {
                var client = await ProtocolClient.ConnectAsync(server.EndPoint, codec);
                clients.Add(client);
                await client.RegisterAsync($"User_{i:D2}", expectedOthers: i);
            }
            await using var last = await ProtocolClient.ConnectAsync(server.EndPoint, codec);
            await last.SendAsync(Packet.Register("Last"));
            var frames = new List<int>();
            var names = await last.ReceiveUserListAsync(users - 1, frameSizes: frames);

            CollectionAssert.AreEqual(Enumerable.Range(0, users - 1).Select(i => $"User_{i:D2}").ToList(), names);
            Assert.IsGreaterThan(1, frames.Count, "the list should have been split");
            Assert.IsEmpty(await last.SyncAsync());
            Assert.IsNull(last.End);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Connect_OverMaxSessions_IsClosedAndCountedRejected()
    {
        await using var server = await TestServers.StartAsync(ServerOptions.Default with { MaxSessions = 2 });
        await using var first = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var second = await ProtocolClient.ConnectAsync(server.EndPoint);
        await first.RegisterAsync("first");
        await second.RegisterAsync("second", expectedOthers: 1);

        await using var third = await ProtocolClient.ConnectAsync(server.EndPoint);
        await third.ExpectClosedAsync();
        Assert.AreEqual(1, server.Stats.SessionsRejected);
        Assert.AreEqual(2, server.Stats.SessionsOpen);

        // A freed slot can be used again.
        first.Abort();
        await Eventually.TrueAsync(() => server.Stats.SessionsOpen == 1, "first's session ended");
        await using var fourth = await ProtocolClient.ConnectAsync(server.EndPoint);
        await fourth.RegisterAsync("fourth", expectedOthers: 1);
    }

    [TestMethod]
    public async Task Start_PortInUse_ThrowsWithClearMessage()
    {
        await using var server = await TestServers.StartAsync();

        var ex = await Assert.ThrowsExactlyAsync<ServerStartException>(() =>
            ChatServer.StartAsync(ServerOptions.Default with { Host = "127.0.0.1", Port = server.Port }));

        Assert.AreEqual($"cannot listen on 127.0.0.1:{server.Port}: the port is already in use", ex.Message);
    }

    [TestMethod]
    public async Task Start_AddressNotLocal_ThrowsWithClearMessage()
    {
        // 192.0.2.0/24 is reserved for documentation: never assigned to this machine.
        var ex = await Assert.ThrowsExactlyAsync<ServerStartException>(() =>
            ChatServer.StartAsync(ServerOptions.Default with { Host = "192.0.2.1", Port = 0 }));

        Assert.AreEqual("cannot listen on 192.0.2.1:0: the address does not belong to this machine", ex.Message);
    }

    [TestMethod]
    public async Task Stop_WithOpenSessions_ClosesThemAndIsIdempotent()
    {
        var server = await TestServers.StartAsync();
        await using var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        await using var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");

        await server.StopAsync().WaitAsync(ProtocolClient.DefaultTimeout);
        await server.DisposeAsync();

        await alice.ExpectClosedAsync();
        await bob.ExpectClosedAsync();
        Assert.AreEqual(0, server.Stats.SessionsOpen);
        await Assert.ThrowsAsync<Exception>(() => ProtocolClient.ConnectAsync(server.EndPoint, timeout: TimeSpan.FromSeconds(2)));
    }

    [TestMethod]
    public void Options_ManyProblems_AreAllReported()
    {
        var options = new ServerOptions
        {
            Host = "not an address",
            Port = -1,
            MaxSessions = 0,
            SendQueueFrames = 0,
            StatsInterval = TimeSpan.FromSeconds(-1),
            Protocol = ProtocolOptions.Default with { MaxFrameSize = 50 },
        };

        var problems = options.Validate();

        Assert.HasCount(6, problems, string.Join(Environment.NewLine, problems));
        Assert.IsEmpty(ServerOptions.Default.Validate());
    }

    private static async Task<(ProtocolClient Alice, ProtocolClient Bob)> TwoUsersAsync(ChatServer server)
    {
        var alice = await ProtocolClient.ConnectAsync(server.EndPoint);
        var bob = await ProtocolClient.ConnectAsync(server.EndPoint);
        await alice.RegisterAsync("alice");
        await bob.RegisterAsync("bob", expectedOthers: 1);
        await alice.ReceiveAsync(PacketType.AnsNewUserNotify);
        return (alice, bob);
    }
}
