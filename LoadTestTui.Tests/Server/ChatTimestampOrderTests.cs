using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Server;

/// <summary>
/// The server's clock never runs backwards for a receiver: many clients chat at once from several
/// threads, and every receiver's chat echoes carry non-decreasing server timestamps. A chat stamped
/// before it takes its place in the broadcast order breaks this whenever another chat, stamped a
/// millisecond later, overtakes it on the way to the broadcaster's lock.
/// </summary>
[TestClass]
public sealed class ChatTimestampOrderTests
{
    private const int Clients = 32;
    private const int SenderThreads = 8;
    private const int ChatsPerClient = 400;

    [TestMethod]
    [DataRow(false, DisplayName = "quiet server: each chat handed out at once")]
    [DataRow(true, DisplayName = "busy server: chats gathered per tick")]
    public async Task ConcurrentChats_EveryReceiver_SeesNonDecreasingServerTimestamps(bool gathering)
    {
        // Deep send queues: this test is about order, not about dropping slow readers.
        var options = ServerOptions.Default with { SendQueueFrames = 1 << 20, SendQueueBytes = 256 << 20 };
        if (gathering)
            options = options with { FlushLinger = TimeSpan.FromMilliseconds(5), BusyFlushesPerSecond = 0 };
        await using var server = await TestServers.StartAsync(options);
        var clients = new List<ProtocolClient>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                var client = await ProtocolClient.ConnectAsync(server.EndPoint);
                clients.Add(client);
                await client.RegisterAsync($"Bot_{i:D2}", expectedOthers: i);
            }
            // Join notifications out of the way: from here on every client receives only chats.
            foreach (var client in clients)
                await client.SyncAsync(sequence: 1);

            const int Expected = Clients * ChatsPerClient;
            var receiving = clients.Select((client, i) => Task.Run(() => ReceiveChatsAsync(client, $"client {i}", Expected))).ToArray();
            // Each thread sends for its share of the clients, round-robin, as fast as the sockets take it.
            var sending = Enumerable.Range(0, SenderThreads).Select(t => Task.Factory.StartNew(() =>
            {
                var mine = clients.Where((_, i) => i % SenderThreads == t).ToList();
                for (var n = 0; n < ChatsPerClient; n++)
                {
                    foreach (var client in mine)
                        client.SendAsync(Packet.Chat($"m{n}", (ulong)n)).GetAwaiter().GetResult();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            await Task.WhenAll(sending).WaitAsync(TimeSpan.FromSeconds(60));

            var problems = (await Task.WhenAll(receiving).WaitAsync(TimeSpan.FromSeconds(60))).Where(p => p is not null).ToList();
            Assert.IsEmpty(problems, $"{problems.Count} of {Clients} receivers saw the server clock run backwards:\n{string.Join("\n", problems)}");
            Assert.AreEqual(Expected, server.Stats.Chats);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    /// <summary>Takes exactly <paramref name="expected"/> chats; returns the first backwards step, or null.</summary>
    private static async Task<string?> ReceiveChatsAsync(ProtocolClient client, string who, int expected)
    {
        string? problem = null;
        ulong previous = 0;
        for (var n = 0; n < expected; n++)
        {
            var chat = await client.ReceiveAsync(PacketType.AnsChatting, TimeSpan.FromSeconds(30));
            if (chat.ServerTimestamp < previous && problem is null)
                problem = $"{who}: chat {n + 1} of {expected} ({chat.Name} '{chat.Text}') stamped {chat.ServerTimestamp} after one stamped {previous}";
            previous = Math.Max(previous, chat.ServerTimestamp);
        }
        return problem;
    }
}
