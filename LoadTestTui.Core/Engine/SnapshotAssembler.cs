using System.Collections.Immutable;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// Turns one tick of a run (its counters, the latency values recorded since the last tick, and
/// what the engine knows of the run) into the next <see cref="EngineSnapshot"/>, and keeps the
/// run's figure history that needs more than one tick: cumulative latencies, rates and peaks,
/// the timeline and the trailing windows. Every engine feeds it the same way (<see cref="BotEngine"/>
/// with its bots' counters, a cluster's controller with its agents' summed), so both publish the
/// same figures by construction. Reads no clock and no bot: the tick's time comes in. Called
/// under its engine's lock.
/// </summary>
internal sealed class SnapshotAssembler(TimeSpan tick)
{
    private readonly WindowTracker _windows = new(tick);
    private readonly TimelineBuilder _timeline = new();
    private readonly LatencySet _cumulative = LatencySet.WithBuiltIns();
    private readonly LatencySet _second = LatencySet.WithBuiltIns();
    private readonly Dictionary<LatencyKind, (long Count, string Text)> _encoded = [];
    private RunCounters _previous = RunCounters.Zero;
    private long _previousTicks;
    private double _effectiveRamp;
    private int _peakOnline;
    private int _peakHandshakes;
    private int _peakWindow;

    /// <summary>Starts a new run at <paramref name="startTicks"/> (<see cref="MonoClock"/>); tracked window spans stay.</summary>
    public void Reset(long startTicks)
    {
        _windows.Reset();
        _timeline.Reset(startTicks);
        _cumulative.Reset();
        _second.Reset();
        _encoded.Clear();
        _previous = RunCounters.Zero;
        _previousTicks = startTicks;
        _effectiveRamp = 0;
        _peakOnline = 0;
        _peakHandshakes = 0;
        _peakWindow = 0;
    }

    /// <summary>Every later snapshot carries the figures of the trailing <paramref name="span"/>.</summary>
    public void Track(TimeSpan span) => _windows.Track(span);

    /// <summary>The run's figures from run time <paramref name="from"/> up to the last tick.</summary>
    public RunFigures Since(TimeSpan from) => _windows.Since(from);

    /// <summary>The snapshot of a tick at <paramref name="nowTicks"/>.</summary>
    /// <param name="counters">The run's counters as of this tick.</param>
    /// <param name="interval">The latency values recorded since the last tick (read, not kept).</param>
    public EngineSnapshot Next(long nowTicks, RunCounters counters, LatencySet interval, RunMeta meta)
    {
        var seconds = Math.Max(1e-3, MonoClock.ToMicroseconds(nowTicks - _previousTicks) / 1e6);
        var delta = counters - _previous;
        double Rate(long change) => Math.Max(0, change) / seconds;

        _cumulative.Add(interval);
        _second.Add(interval);
        var latency = _cumulative.Summaries();
        var latencyInterval = interval.Summaries();
        // Smoothed over about a second: one tick's starts are too few to read as a rate.
        _effectiveRamp += (Rate(delta.Started) - _effectiveRamp) * Math.Min(1, seconds);
        _peakOnline = Math.Max(_peakOnline, counters.States.Online);
        _peakHandshakes = Math.Max(_peakHandshakes, counters.HandshakesInFlight);
        _peakWindow = Math.Max(_peakWindow, counters.HandshakeWindow);

        var figures = _windows.Record(meta.Elapsed, counters, interval, latency, meta.Target, meta.Counting);
        if (_timeline.IsDue(meta.Elapsed))
        {
            _timeline.Append(meta.Elapsed, nowTicks, counters, meta.Target, _second.Summaries());
            _second.Reset();
        }
        _previous = counters;
        _previousTicks = nowTicks;

        return new EngineSnapshot
        {
            Timestamp = DateTimeOffset.Now,
            Elapsed = meta.Elapsed,
            StartedAt = meta.StartedAt,
            State = meta.State,
            RunId = meta.RunId,
            ChatPaused = meta.ChatPaused,
            TargetBots = meta.Target,
            PeakOnline = _peakOnline,
            Duration = meta.Duration,
            Counters = counters,
            MessagesSentPerSecond = Rate(delta.MessagesSent),
            MessagesReceivedPerSecond = Rate(delta.MessagesReceived),
            BytesSentPerSecond = Rate(delta.BytesSent),
            BytesReceivedPerSecond = Rate(delta.BytesReceived),
            ConnectsPerSecond = Rate(delta.Connects),
            ErrorsPerSecond = Rate(delta.Errors),
            Latency = latency,
            LatencyInterval = latencyInterval,
            RampPerSecond = meta.RampPerSecond,
            EffectiveRampPerSecond = _effectiveRamp,
            PeakHandshakesInFlight = _peakHandshakes,
            PeakHandshakeWindow = _peakWindow,
            RampLimit = meta.RampLimit,
            Delivery = new DeliveryStats(
                counters.DeliveryExpected,
                counters.DeliveryReceived,
                Math.Max(0, counters.DeliveryLost),
                counters.DeliveryDuplicated,
                counters.DeliveryOutOfOrder,
                counters.DeliveryUntagged,
                latency[LatencyKind.FanOut],
                latencyInterval[LatencyKind.FanOut])
            {
                Remote = counters.DeliveryRemote,
                AuditReceivers = counters.AuditReceivers,
                Audited = counters.DeliveryAudited,
                AuditsEveryReceiver = counters.BotsCreated <= counters.AuditReceivers,
            },
            Histograms = Encoded(),
            Errors = ErrorKinds.All.ToImmutableDictionary(k => k, counters.ErrorsOf),
            ProtocolErrors = Enum.GetValues<ProtocolErrorKind>()
                .Where(k => counters.ProtocolErrorsOf(k) > 0)
                .ToImmutableDictionary(k => k, counters.ProtocolErrorsOf),
            Timeline = _timeline.Rows,
            Figures = figures,
            Windows = _windows.Windows(meta.Elapsed),
            Plan = meta.Plan,
            PlanPoint = meta.Plan is { } plan ? Planner.At(plan, meta.Elapsed) : null,
            Events = meta.Events,
            Bots = meta.Bots,
            Agents = meta.Agents,
        };
    }

    /// <summary>The cumulative histograms as the exports carry them, each re-encoded only when it changed.</summary>
    private LatencyHistograms Encoded()
    {
        var byKind = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var kind in _cumulative.Kinds)
        {
            var histogram = _cumulative.For(kind);
            if (histogram.TotalCount == 0)
                continue;
            if (!_encoded.TryGetValue(kind, out var cached) || cached.Count != histogram.TotalCount)
                _encoded[kind] = cached = (histogram.TotalCount, HistogramCodec.Encode(histogram));
            byKind[kind.Name] = cached.Text;
        }
        return new LatencyHistograms(byKind.ToImmutable());
    }
}
