using System.Collections.Immutable;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Support;

/// <summary>Test data for the dashboard: engine and monitor snapshots built directly.</summary>
internal static class SnapshotBuilder
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static LatencySummary Latency(double p50, double p90, double p99, double max, long count = 100) =>
        new(count, p50 / 2, p50, p50, p90, p90, p99, p99, max);

    public static BotRow Bot(int id, string? name = null, BotState state = BotState.Online, long sent = 0, long received = 0,
        string? lastError = null, double lastRtt = 1.5, double avgRtt = 2.5, int reconnects = 0) =>
        new(id, name ?? $"bot{id:00000}", state, sent, received, reconnects, lastError, lastRtt, 0.5, avgRtt, 9.0);

    public static ImmutableArray<BotRow> Bots(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Bot(i, state: (BotState)(i % 8), sent: (i * 7919) % 1000, received: i % 97))];

    public static EngineSnapshot Engine(
        RunState state = RunState.Running,
        int online = 0,
        int target = 0,
        ImmutableArray<BotRow>? bots = null,
        LatencySummary? chatInterval = null,
        ImmutableArray<EngineEvent>? events = null,
        bool paused = false,
        long errors = 0,
        long sent = 0,
        long received = 0,
        long connects = 0) => new()
        {
            Timestamp = Epoch,
            Elapsed = TimeSpan.FromSeconds(83),
            State = state,
            ChatPaused = paused,
            TargetBots = target,
            Counters = RunCounters.Zero with
            {
                TotalBots = target,
                States = new StateCounts(0, 0, 0, online, 0, 0, 0, 0),
                Errors = errors,
                MessagesSent = sent,
                MessagesReceived = received,
                Connects = connects,
            },
            MessagesSentPerSecond = 1234,
            MessagesReceivedPerSecond = 5678,
            BytesSentPerSecond = 1.5 * 1024 * 1024,
            Latency = LatencyFigures.Empty.With(LatencyKind.ChatEcho, chatInterval ?? LatencySummary.Empty),
            LatencyInterval = LatencyFigures.Empty.With(LatencyKind.ChatEcho, chatInterval ?? LatencySummary.Empty).With(LatencyKind.Ping, Latency(0.8, 1.0, 1.2, 2.0)),
            Delivery = DeliveryStats.Empty with { Expected = 5000, Lost = 3, Duplicated = 2 },
            Events = events ?? [],
            Bots = bots ?? [],
        };

    public static MonitorSnapshot Monitor(ProcessSample? process, string status = "running") => new()
    {
        Timestamp = Epoch,
        Elapsed = TimeSpan.FromSeconds(10),
        Target = new MonitorTarget(ProcessName: "chatserver"),
        Status = status,
        System = new SystemSample(23.5, 16L << 30, 8L << 30, 8L << 30, 50.0, null, 0, 0, 0, 0),
        Process = process,
    };

    public static ProcessSample Process(double cpu = 42.5, string name = "chatserver") =>
        new(4321, name, "running", cpu, 3.2, 256L << 20, 17, null, 1000, 950);
}
