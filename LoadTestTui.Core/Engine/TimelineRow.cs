using System.Collections.Immutable;

namespace LoadTestTui.Core.Engine;

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

    /// <summary>Errors recorded within this second, indexed by <see cref="Bots.ErrorKind"/>; empty when unknown.</summary>
    public ImmutableArray<long> ErrorsThisSecond { get; init; }

    /// <summary>Latencies completed within this second (the whole distribution's summary, not only p50/p99).</summary>
    public LatencySummary Chat { get; init; } = LatencySummary.Empty;
    public LatencySummary Ping { get; init; } = LatencySummary.Empty;
    public LatencySummary FanOut { get; init; } = LatencySummary.Empty;
    public LatencySummary Registration { get; init; } = LatencySummary.Empty;

    /// <summary>Registration latency (connect start to user list) p99 of the registrations completed within the second.</summary>
    public double RegistrationP99Ms { get; init; }

    /// <summary>Bots the ramp started within the second.</summary>
    public double EffectiveRampPerSecond { get; init; }

    /// <summary>Handshakes (connect + register) in flight, and the window bounding them, at the end of the second.</summary>
    public int HandshakesInFlight { get; init; }
    public int HandshakeWindow { get; init; }
}
