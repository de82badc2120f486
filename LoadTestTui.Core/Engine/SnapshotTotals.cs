namespace LoadTestTui.Core.Engine;

/// <summary>The counters a snapshot's rates are computed from, as of one tick (monotonic ticks); Started: bots started (the effective ramp).</summary>
internal readonly record struct SnapshotTotals(long Ticks, long Sent, long Received, long BytesSent, long BytesReceived, long Connects, long Errors, long Reconnects, long Started = 0);
