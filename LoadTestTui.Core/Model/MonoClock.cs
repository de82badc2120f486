using System.Diagnostics;

namespace LoadTestTui.Core.Model;

/// <summary>The client's monotonic clock, shared by every bot so one-way fan-out latency is comparable.</summary>
public static class MonoClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long ToMicroseconds(long ticks) => (long)(ticks * (1_000_000.0 / Stopwatch.Frequency));

    public static long MicrosecondsSince(long startTicks) => ToMicroseconds(Stopwatch.GetTimestamp() - startTicks);

    /// <summary>Milliseconds for the wire's clientTimestamp field.</summary>
    public static ulong WireMilliseconds => (ulong)(Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1000));
}
