using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine;

/// <summary>
/// Lost, duplicated and out-of-order deliveries are counted exactly: a server drops, duplicates
/// and swaps chosen messages to chosen receivers, and the snapshot shows exactly those faults
/// (for audit receivers; with more bots than audit receivers, faults elsewhere are not counted,
/// and the snapshot says the figures are a sample).
/// </summary>
[TestClass]
public sealed class DeliveryIntegrityTests
{
    private const int Sender = 2;
    private const int Rounds = 6;

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task FaultyServer_50Bots_EveryFaultCountedExactly()
    {
        var s = await RunAsync(50, new()
        {
            [(1, 7)] = DeliveryFault.Drop,
            [(2, 50)] = DeliveryFault.Duplicate,
            [(3, 1)] = DeliveryFault.Swap,
            [(4, 33)] = DeliveryFault.Drop,
        });
        Assert.AreEqual(2L, s.Delivery.Lost);
        Assert.AreEqual(1L, s.Delivery.Duplicated);
        Assert.AreEqual(1L, s.Delivery.OutOfOrder);
        Assert.IsTrue(s.Delivery.AuditsEveryReceiver);
        Assert.AreEqual(50, s.Delivery.AuditReceivers);
        Assert.AreEqual(s.Delivery.Received, s.Delivery.Audited);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task FaultyServer_2000Bots_FaultsAtAuditReceiversCountedExactly_RestIsSample()
    {
        var s = await RunAsync(2_000, new()
        {
            [(1, 7)] = DeliveryFault.Drop,
            [(2, 64)] = DeliveryFault.Duplicate,
            [(3, 1)] = DeliveryFault.Swap,
            [(1, 65)] = DeliveryFault.Drop,
            [(2, 1_000)] = DeliveryFault.Duplicate,
            [(3, 2_000)] = DeliveryFault.Swap,
        });
        Assert.AreEqual(1L, s.Delivery.Lost);
        Assert.AreEqual(1L, s.Delivery.Duplicated);
        Assert.AreEqual(1L, s.Delivery.OutOfOrder);
        Assert.IsFalse(s.Delivery.AuditsEveryReceiver);
        Assert.AreEqual(SenderTable.AuditReceivers, s.Delivery.AuditReceivers);
    }

    /// <summary>Every bot broadcasts <see cref="Rounds"/> times; only bot 2's chats are forwarded (with the faults).</summary>
    private static async Task<EngineSnapshot> RunAsync(int bots, Dictionary<(int, int), DeliveryFault> faults)
    {
        await using var server = new FaultyFanOutServer(Sender, bots, faults);
        var options = TestServers.FastBots(server.Port) with
        {
            ChatIntervalMin = TimeSpan.Zero,
            ChatIntervalMax = TimeSpan.Zero,
            PingInterval = TimeSpan.Zero,
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            ResponseTimeout = TimeSpan.FromSeconds(60),
        };
        await using var engine = new BotEngine(options, TestServers.FastEngine with { RampPerSecond = 5_000 });
        engine.Start(bots);
        var patience = TimeSpan.FromSeconds(bots / 50 + 20);
        await Wait.UntilAsync(() => engine.Latest.States.Online == bots && server.Registered == bots, patience, $"{bots} online");

        for (var round = 1; round <= Rounds; round++)
        {
            engine.Broadcast($"round {round}");
            await Wait.UntilAsync(() => server.Forwarded == round, patience, $"round {round} forwarded");
        }
        await Wait.UntilAsync(() => engine.SnapshotNow().Delivery.Received == server.Delivered, patience,
            $"every delivery arrived ({server.Delivered})");

        var s = engine.SnapshotNow();
        Assert.AreEqual(0L, s.ErrorCount, string.Join(", ", s.Errors.Where(e => e.Value > 0)));
        Assert.AreEqual(server.DeliveredToAuditors, s.Delivery.Audited, "the audit sample is exactly the audit receivers' deliveries");
        return s;
    }
}
