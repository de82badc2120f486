using System.Collections.Immutable;
using HdrHistogram;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Cluster;

public sealed partial class ClusterController
{
    // Chat RTT, ping RTT, fan-out, registration, connect time: as the agents ship them (AgentFigures.Histograms).
    private const int Chat = 0, Ping = 1, Fan = 2, Registration = 3, Connect = 4;
    private readonly HistogramBase[] _cumulative = NewHistograms();
    private readonly HistogramBase[] _second = NewHistograms();
    private readonly WindowTracker _windowFigures;
    private readonly (long Count, string Text)[] _encoded = new (long, string)[5];
    private int _peakHandshakes;
    private int _peakWindow;

    private static HistogramBase[] NewHistograms() => [.. Enumerable.Range(0, 5).Select(_ => HistogramCodec.Empty())];
    private SnapshotTotals _previous;
    private readonly TimelineBuilder _timeline = new();
    private int _peakOnline;
    private int _lostBots;

    private void ResetFigures()
    {
        _windowFigures.Reset();
        foreach (var h in _pending.Concat(_cumulative).Concat(_second))
            h.Reset();
        _previous = new SnapshotTotals(MonoClock.Now, 0, 0, 0, 0, 0, 0, 0);
        _timeline.Reset(_previous);
        _peakOnline = 0;
        _lostBots = 0;
        _peakHandshakes = 0;
        _peakWindow = 0;
        Array.Clear(_encoded);
    }

    private EngineSnapshot IdleSnapshot() => new()
    {
        Timestamp = DateTimeOffset.Now,
        Elapsed = TimeSpan.Zero,
        State = RunState.Idle,
        Errors = ErrorKinds.All.ToImmutableDictionary(k => k, _ => 0L),
        Agents = [.. _agents.Values.Select(a => a.ToStatus())],
    };

    /// <summary>
    /// The agents' latest cumulative figures summed, and the interval histograms received since
    /// the last tick added: the same snapshot a single engine would build. A lost agent keeps what
    /// it did; its bots count as failed with the <c>agent_lost</c> error.
    /// </summary>
    private EngineSnapshot BuildSnapshot(ClusterRun? run)
    {
        if (run is null)
            return IdleSnapshot();
        var f = run.Agents.Select(a => a.Figures).OfType<AgentFigures>().ToList();
        long Sum(Func<AgentFigures, long> field) => f.Sum(field);
        var live = run.Agents.Where(a => !a.Lost && a.Figures is not null).Select(a => a.Figures!).ToList();
        var working = live.Select(x => x.States).ToList();
        var handshakes = live.Sum(x => x.HandshakesInFlight);
        var window = live.Sum(x => x.HandshakeWindow);
        _peakHandshakes = Math.Max(_peakHandshakes, handshakes);
        _peakWindow = Math.Max(_peakWindow, window);
        int States(Func<StateCounts, int> field) => working.Sum(field);
        var states = new StateCounts(States(s => s.Idle), States(s => s.Connecting), States(s => s.Registering), States(s => s.Online),
            States(s => s.Reconnecting), States(s => s.Stopping), States(s => s.Stopped), States(s => s.Failed) + _lostBots);
        _peakOnline = Math.Max(_peakOnline, states.Online);

        var errors = ErrorKinds.All.ToImmutableDictionary(k => k, k => Sum(x => x.Errors.GetValueOrDefault(k)) + (k == ErrorKind.AgentLost ? _lostBots : 0));
        var now = MonoClock.Now;
        var totals = new SnapshotTotals(now, Sum(x => x.MessagesSent), Sum(x => x.MessagesReceived), Sum(x => x.BytesSent), Sum(x => x.BytesReceived),
            Sum(x => x.Connects), Sum(x => x.ErrorCount) + _lostBots, Sum(x => x.Reconnects));
        var previous = _previous;
        _previous = totals;

        var intervals = new LatencySummary[_pending.Length];
        for (var i = 0; i < _pending.Length; i++)
        {
            intervals[i] = LatencyRecorder.Summarize(_pending[i]);
            _cumulative[i].Add(_pending[i]);
            _second[i].Add(_pending[i]);
        }
        var figures = RecordWindowSample(run, totals, errors, states.Online, f);
        foreach (var h in _pending)
            h.Reset();
        AppendTimeline(run, totals, states, errors, live);

        var state = !run.IsActive ? RunState.Stopped : run.Stopping ? RunState.Stopping
            : run.Working.Any(a => a.Figures is null || a.Figures.State == RunState.Ramping) ? RunState.Ramping : RunState.Running;
        return totals.WithRates(new EngineSnapshot
        {
            Timestamp = DateTimeOffset.Now,
            Elapsed = run.Elapsed,
            StartedAt = run.StartedAt,
            State = state,
            RunId = run.RunId,
            ChatPaused = run.ChatPaused,
            TargetBots = run.Target,
            TotalBots = f.Sum(x => x.TotalBots),
            PeakOnline = _peakOnline,
            States = states,
            MessagesSent = totals.Sent,
            MessagesReceived = totals.Received,
            FramesSent = Sum(x => x.FramesSent),
            FramesReceived = Sum(x => x.FramesReceived),
            BytesSent = totals.BytesSent,
            BytesReceived = totals.BytesReceived,
            Connects = totals.Connects,
            Reconnects = totals.Reconnects,
            PingsSent = Sum(x => x.PingsSent),
            PongsReceived = Sum(x => x.PongsReceived),
            ErrorCount = totals.Errors,
            GoodbyesSent = Sum(x => x.GoodbyesSent),
            GoodbyesAcknowledged = Sum(x => x.GoodbyesAcknowledged),
            StateTransitions = Sum(x => x.StateTransitions),
            ChatRtt = LatencyRecorder.Summarize(_cumulative[Chat]),
            ChatRttInterval = intervals[Chat],
            PingRtt = LatencyRecorder.Summarize(_cumulative[Ping]),
            PingRttInterval = intervals[Ping],
            Registration = LatencyRecorder.Summarize(_cumulative[Registration]),
            RegistrationInterval = intervals[Registration],
            ConnectTime = LatencyRecorder.Summarize(_cumulative[Connect]),
            ConnectTimeInterval = intervals[Connect],
            RampPerSecond = run.IsActive ? run.RampPerSecond : 0,
            EffectiveRampPerSecond = live.Sum(x => x.EffectiveRampPerSecond),
            HandshakesInFlight = handshakes,
            HandshakeWindow = window,
            PeakHandshakesInFlight = _peakHandshakes,
            PeakHandshakeWindow = _peakWindow,
            RampLimit = live.Select(x => x.RampLimit).FirstOrDefault(l => l.Length > 0) ?? "",
            Delivery = new DeliveryStats(Sum(x => x.DeliveryExpected), Sum(x => x.DeliveryReceived), Sum(x => x.DeliveryLost),
                Sum(x => x.DeliveryDuplicated), Sum(x => x.DeliveryOutOfOrder), Sum(x => x.DeliveryUntagged),
                LatencyRecorder.Summarize(_cumulative[Fan]), intervals[Fan]) { Remote = Sum(x => x.DeliveryRemote) },
            Errors = errors,
            ProtocolErrors = Enum.GetValues<ProtocolErrorKind>()
                .Select(k => (k, Sum(x => x.ProtocolErrors.GetValueOrDefault(k))))
                .Where(p => p.Item2 > 0)
                .ToImmutableDictionary(p => p.k, p => p.Item2),
            Timeline = _timeline.Rows,
            Histograms = new LatencyHistograms(Encoded(Chat), Encoded(Ping), Encoded(Fan)) { Registration = Encoded(Registration) },
            Events = _events.Drain(),
            Bots = [.. run.Agents.SelectMany(a => a.Rows).OrderBy(r => r.Id)],
            Agents = [.. run.Agents.Select(a => a.ToStatus())],
            Figures = figures,
            Windows = _windowFigures.Windows(run.Elapsed),
            Plan = run.Plan,
            PlanPoint = run.Plan is { } plan ? Planner.At(plan, run.Elapsed) : null,
        }, previous);
    }

    /// <summary>Adds this tick's merged intervals and summed counters to the windowed figures; returns the whole run's figures.</summary>
    private RunFigures RecordWindowSample(ClusterRun run, SnapshotTotals totals, ImmutableDictionary<ErrorKind, long> errors, int online, List<AgentFigures> f)
    {
        long Sum(Func<AgentFigures, long> field) => f.Sum(field);
        var figures = new RunFigures
        {
            Span = run.Elapsed,
            ChatRtt = LatencyRecorder.Summarize(_cumulative[Chat]),
            PingRtt = LatencyRecorder.Summarize(_cumulative[Ping]),
            FanOut = LatencyRecorder.Summarize(_cumulative[Fan]),
            Registration = LatencyRecorder.Summarize(_cumulative[Registration]),
            ConnectTime = LatencyRecorder.Summarize(_cumulative[Connect]),
            MessagesSent = totals.Sent,
            MessagesReceived = totals.Received,
            PingsSent = Sum(x => x.PingsSent),
            Connects = totals.Connects,
            Errors = totals.Errors,
            ErrorsByKind = errors,
            DeliveryExpected = Sum(x => x.DeliveryExpected),
            DeliveryReceived = Sum(x => x.DeliveryReceived),
            Lost = Math.Max(0, Sum(x => x.DeliveryLost)),
            Duplicated = Sum(x => x.DeliveryDuplicated),
            OutOfOrder = Sum(x => x.DeliveryOutOfOrder),
            Online = online,
            Target = run.Target,
        };
        return _windowFigures.Record(figures, _pending, run.Agents.Sum(a => a.Figures?.TotalBots ?? 0), run.IsActive && !run.Stopping);
    }

    public void TrackWindow(TimeSpan span)
    {
        lock (_gate)
            _windowFigures.Track(span);
    }

    public RunFigures FiguresSince(TimeSpan from)
    {
        lock (_gate)
        {
            if (!_disposed)
                Publish();
            return _windowFigures.Since(from);
        }
    }

    /// <summary>A cumulative histogram as the exports carry it, re-encoded only when it changed.</summary>
    private string Encoded(int kind)
    {
        var histogram = _cumulative[kind];
        if (histogram.TotalCount == 0)
            return "";
        if (_encoded[kind].Count != histogram.TotalCount)
            _encoded[kind] = (histogram.TotalCount, Export.HistogramCodec.Encode(histogram));
        return _encoded[kind].Text;
    }

    /// <summary>Closes a timeline second when the run's clock passes one, as the local engine does.</summary>
    private void AppendTimeline(ClusterRun run, SnapshotTotals totals, StateCounts states, ImmutableDictionary<ErrorKind, long> errors, List<AgentFigures> live)
    {
        if (!_timeline.IsDue(run.Elapsed))
            return;
        var second = _second.Select(LatencyRecorder.Summarize).ToArray();
        foreach (var h in _second)
            h.Reset();
        _timeline.Append(run.Elapsed, totals, new TimelineSecond(states.Online, states, [.. ErrorKinds.All.Select(k => errors[k])], run.Target,
            live.Sum(x => x.HandshakesInFlight), live.Sum(x => x.HandshakeWindow), second[Chat], second[Ping], second[Fan], second[Registration])
        {
            EffectiveRampPerSecond = live.Sum(x => x.EffectiveRampPerSecond),
        });
    }
}
