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
    /// <summary>Registration latency (connect start to user list) p99 of the registrations completed within the second.</summary>
    public double RegistrationP99Ms { get; init; }

    /// <summary>Bots the ramp started within the second.</summary>
    public double EffectiveRampPerSecond { get; init; }

    /// <summary>Handshakes (connect + register) in flight, and the window bounding them, at the end of the second.</summary>
    public int HandshakesInFlight { get; init; }
    public int HandshakeWindow { get; init; }
}
