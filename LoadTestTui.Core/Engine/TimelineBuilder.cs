using System.Collections.Immutable;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// Closes one <see cref="TimelineRow"/> per whole second of a run: rates over the second from the
/// counters' change, errors of the second by class, and the latencies completed within it. Shared
/// by every engine (<see cref="BotEngine"/> and a cluster's controller), called under its lock.
/// </summary>
internal sealed class TimelineBuilder
{
    private SnapshotTotals _previous;
    private long[] _previousErrors = new long[ErrorKinds.All.Count];

    public ImmutableList<TimelineRow> Rows { get; private set; } = [];

    /// <summary>Starts a run's timeline, counting from <paramref name="start"/>.</summary>
    public void Reset(SnapshotTotals start)
    {
        _previous = start;
        _previousErrors = new long[ErrorKinds.All.Count];
        Rows = [];
    }

    /// <summary>Whether the run's clock has passed the last row's second (once per second, not per tick).</summary>
    public bool IsDue(TimeSpan elapsed) => (int)elapsed.TotalSeconds > (Rows.Count == 0 ? 0 : Rows[^1].T);

    /// <summary>Closes the second <paramref name="elapsed"/> is in with the run's <paramref name="totals"/> as of now.</summary>
    public void Append(TimeSpan elapsed, SnapshotTotals totals, TimelineSecond second)
    {
        var span = totals.SecondsSince(_previous);
        var previous = _previous;
        var previousErrors = _previousErrors;
        Rows = Rows.Add(new TimelineRow(
            (int)elapsed.TotalSeconds,
            second.Online,
            totals.Sent,
            totals.Received,
            (totals.Sent - previous.Sent) / span,
            (totals.Received - previous.Received) / span,
            second.Chat.P50Ms,
            second.Chat.P99Ms,
            totals.Errors,
            totals.Connects)
        {
            RegistrationP99Ms = second.Registration.P99Ms,
            EffectiveRampPerSecond = second.EffectiveRampPerSecond ?? (totals.Started - previous.Started) / span,
            HandshakesInFlight = second.HandshakesInFlight,
            HandshakeWindow = second.HandshakeWindow,
            Target = second.Target,
            States = second.States,
            BytesSentPerSecond = (totals.BytesSent - previous.BytesSent) / span,
            BytesReceivedPerSecond = (totals.BytesReceived - previous.BytesReceived) / span,
            ErrorsThisSecond = [.. second.Errors.Select((n, i) => Math.Max(0, n - previousErrors[i]))],
            Chat = second.Chat,
            Ping = second.Ping,
            FanOut = second.FanOut,
            Registration = second.Registration,
        });
        _previousErrors = [.. second.Errors];
        _previous = totals;
    }
}

/// <summary>
/// What a timeline row needs beyond the counters: the state at the end of the second, errors by
/// class (cumulative, indexed by <see cref="ErrorKind"/>) and the second's latencies.
/// </summary>
internal sealed record TimelineSecond(
    int Online, StateCounts States, IReadOnlyList<long> Errors, int Target, int HandshakesInFlight, int HandshakeWindow,
    LatencySummary Chat, LatencySummary Ping, LatencySummary FanOut, LatencySummary Registration)
{
    /// <summary>Bots started per second, when the engine knows it better than its started counter (a cluster sums its agents').</summary>
    public double? EffectiveRampPerSecond { get; init; }
}
