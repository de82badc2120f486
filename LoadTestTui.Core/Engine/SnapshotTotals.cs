using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>The counters a snapshot's rates are computed from, as of one tick (monotonic ticks); Started: bots started (the effective ramp).</summary>
internal readonly record struct SnapshotTotals(long Ticks, long Sent, long Received, long BytesSent, long BytesReceived, long Connects, long Errors, long Reconnects, long Started = 0)
{
    /// <summary>Seconds from <paramref name="previous"/> to this tick (at least a millisecond).</summary>
    public double SecondsSince(SnapshotTotals previous) => Math.Max(1e-3, MonoClock.ToMicroseconds(Ticks - previous.Ticks) / 1e6);

    /// <summary>A counter's growth per second since <paramref name="previous"/>; never negative.</summary>
    public static double Rate(long current, long before, double seconds) => Math.Max(0, current - before) / seconds;

    /// <summary><paramref name="snapshot"/> with its per-second rates: these totals' change since <paramref name="previous"/>.</summary>
    public EngineSnapshot WithRates(EngineSnapshot snapshot, SnapshotTotals previous)
    {
        var seconds = SecondsSince(previous);
        return snapshot with
        {
            MessagesSentPerSecond = Rate(Sent, previous.Sent, seconds),
            MessagesReceivedPerSecond = Rate(Received, previous.Received, seconds),
            BytesSentPerSecond = Rate(BytesSent, previous.BytesSent, seconds),
            BytesReceivedPerSecond = Rate(BytesReceived, previous.BytesReceived, seconds),
            ConnectsPerSecond = Rate(Connects, previous.Connects, seconds),
            ErrorsPerSecond = Rate(Errors, previous.Errors, seconds),
        };
    }
}
