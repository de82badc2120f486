using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// The run's hot counters: plain long fields bumped with Interlocked by every bot and read
/// once per tick by the snapshot builder. Nothing here allocates.
/// </summary>
internal sealed class EngineCounters
{
    public long MessagesSent;
    public long MessagesReceived;
    public long FramesSent;
    public long FramesReceived;
    public long BytesSent;
    public long BytesReceived;
    public long Connects;
    public long Reconnects;
    public long PingsSent;
    public long PongsReceived;
    public long ErrorTotal;
    public long GoodbyesSent;
    public long GoodbyesAcknowledged;
    public long Transitions;

    public long DeliveryExpected;
    public long DeliveryReceived;
    public long DeliveryLost;
    public long DeliveryDuplicated;
    public long DeliveryOutOfOrder;
    public long DeliveryUntagged;

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
