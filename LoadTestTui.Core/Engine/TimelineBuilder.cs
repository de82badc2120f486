using System.Collections.Immutable;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// Closes one <see cref="TimelineRow"/> per whole second of a run: rates over the second from the
/// counters' change, errors of the second by class, and the latencies completed within it.
/// Driven by <see cref="SnapshotAssembler"/> under its engine's lock.
/// </summary>
internal sealed class TimelineBuilder
{
    private RunCounters _previous = RunCounters.Zero;
    private long _previousTicks;

    public ImmutableList<TimelineRow> Rows { get; private set; } = [];

    /// <summary>Starts a run's timeline, counting from <paramref name="startTicks"/> (<see cref="MonoClock"/>).</summary>
    public void Reset(long startTicks)
    {
        _previous = RunCounters.Zero;
        _previousTicks = startTicks;
        Rows = [];
    }

    /// <summary>Whether the run's clock has passed the last row's second (once per second, not per tick).</summary>
    public bool IsDue(TimeSpan elapsed) => (int)elapsed.TotalSeconds > (Rows.Count == 0 ? 0 : Rows[^1].T);

    /// <summary>Closes the second <paramref name="elapsed"/> is in, with the run's counters as of <paramref name="nowTicks"/>.</summary>
    public void Append(TimeSpan elapsed, long nowTicks, RunCounters counters, int target, LatencyFigures second)
    {
        var span = Math.Max(1e-3, MonoClock.ToMicroseconds(nowTicks - _previousTicks) / 1e6);
        var delta = counters - _previous;
        Rows = Rows.Add(new TimelineRow(
            (int)elapsed.TotalSeconds,
            counters.States.Online,
            counters.MessagesSent,
            counters.MessagesReceived,
            delta.MessagesSent / span,
            delta.MessagesReceived / span,
            second[LatencyKind.ChatEcho].P50Ms,
            second[LatencyKind.ChatEcho].P99Ms,
            counters.Errors,
            counters.Connects)
        {
            EffectiveRampPerSecond = Math.Max(0, delta.Started) / span,
            HandshakesInFlight = counters.HandshakesInFlight,
            HandshakeWindow = counters.HandshakeWindow,
            Target = target,
            States = counters.States,
            BytesSentPerSecond = delta.BytesSent / span,
            BytesReceivedPerSecond = delta.BytesReceived / span,
            ErrorsThisSecond = [.. ErrorKinds.All.Select(k => Math.Max(0, delta.ErrorsOf(k)))],
            Latency = second,
        });
        _previous = counters;
        _previousTicks = nowTicks;
    }
}
