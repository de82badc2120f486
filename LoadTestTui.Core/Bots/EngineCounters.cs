using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// The run's shared counters for rare events (connects, errors, state changes), bumped with
/// Interlocked and read once per tick. Per-frame traffic is counted per bot instead
/// (<see cref="TrafficCounters"/>), so the hot path never contends.
/// </summary>
internal sealed class EngineCounters
{
    public long Connects;
    public long Reconnects;
    public long ErrorTotal;
    public long GoodbyesSent;
    public long GoodbyesAcknowledged;
    public long Transitions;

    public readonly long[] Errors = new long[Enum.GetValues<ErrorKind>().Length];
    public readonly long[] ProtocolErrors = new long[Enum.GetValues<ProtocolErrorKind>().Length];
    public readonly int[] States = new int[Enum.GetValues<BotState>().Length];

    private int _peakOnline;

    public int PeakOnline => Volatile.Read(ref _peakOnline);

    public void Error(ErrorKind kind)
    {
        Interlocked.Increment(ref Errors[(int)kind]);
        Interlocked.Increment(ref ErrorTotal);
    }

    public void ProtocolError(ProtocolErrorKind kind) => Interlocked.Increment(ref ProtocolErrors[(int)kind]);

    public void Transition(BotState from, BotState to)
    {
        Interlocked.Decrement(ref States[(int)from]);
        var now = Interlocked.Increment(ref States[(int)to]);
        Interlocked.Increment(ref Transitions);
        if (to == BotState.Online)
        {
            var peak = Volatile.Read(ref _peakOnline);
            while (now > peak)
            {
                var seen = Interlocked.CompareExchange(ref _peakOnline, now, peak);
                if (seen == peak)
                    break;
                peak = seen;
            }
        }
    }

    public int Online => Volatile.Read(ref States[(int)BotState.Online]);
}
