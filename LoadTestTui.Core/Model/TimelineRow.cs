using System.Collections.Immutable;

namespace LoadTestTui.Core.Model;

/// <summary>
/// One second of a run: the figures at the end of second <see cref="T"/> (elapsed seconds), rates
/// over that second, and chat-echo percentiles of the echoes completed within it.
/// </summary>
public readonly record struct TimelineRow(
    int T,
    int Online,
    long Sent,
    long Received,
    double SentPerSecond,
    double ReceivedPerSecond,
    double P50Ms,
    double P99Ms,
    long Errors,
    long Connects)
{
    /// <summary>Bots the run wanted when the row closed.</summary>
    public int Target { get; init; }

    /// <summary>Bots in each state when the row closed.</summary>
    public StateCounts States { get; init; }

    public double BytesSentPerSecond { get; init; }
    public double BytesReceivedPerSecond { get; init; }

    /// <summary>Errors recorded within this second, indexed by <see cref="ErrorKind"/>; empty when unknown.</summary>
    public ImmutableArray<long> ErrorsThisSecond { get; init; }

    /// <summary>Latencies completed within this second, by kind (the whole distribution's summary, not only p50/p99).</summary>
    public LatencyFigures Latency { get; init; } = LatencyFigures.Empty;

    public LatencySummary Chat => Latency[LatencyKind.ChatEcho];
    public LatencySummary Ping => Latency[LatencyKind.Ping];
    public LatencySummary FanOut => Latency[LatencyKind.FanOut];
    public LatencySummary Registration => Latency[LatencyKind.Registration];

    /// <summary>Registration latency (connect start to user list) p99 of the registrations completed within the second.</summary>
    public double RegistrationP99Ms => Registration.P99Ms;

    /// <summary>Bots the ramp started within the second.</summary>
    public double EffectiveRampPerSecond { get; init; }

    /// <summary>Handshakes (connect + register) in flight, and the window bounding them, at the end of the second.</summary>
    public int HandshakesInFlight { get; init; }
    public int HandshakeWindow { get; init; }
}
