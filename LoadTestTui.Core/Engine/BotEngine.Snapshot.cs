using System.Collections.Immutable;
using HdrHistogram;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Protocol;
using Totals = LoadTestTui.Core.Engine.SnapshotTotals;

namespace LoadTestTui.Core.Engine;

public sealed partial class BotEngine
{
    private Totals _previous;
    private readonly TimelineBuilder _timeline = new();
    private long _lastStormEventTicks;
    private double _effectiveRamp;

    /// <summary>How far back windowed figures reach (thresholds "over" a span, capacity steps).</summary>
    public static readonly TimeSpan MaxWindow = WindowTracker.MaxWindow;

    /// <summary>Every later snapshot carries the figures of the trailing <paramref name="span"/> in <see cref="EngineSnapshot.Windows"/>.</summary>
    public void TrackWindow(TimeSpan span)
    {
        lock (_gate)
            _windowFigures.Track(span);
    }

    /// <summary>The current run's figures from run time <paramref name="from"/> until now (a fresh tick is taken first).</summary>
    public RunFigures FiguresSince(TimeSpan from)
    {
        lock (_gate)
        {
            if (!_disposed)
                Publish();
            return _windowFigures.Since(from);
        }
    }

    private EngineSnapshot IdleSnapshot() => new()
    {
        Timestamp = DateTimeOffset.Now,
        Elapsed = TimeSpan.Zero,
        State = RunState.Idle,
        Errors = ErrorKinds.All.ToImmutableDictionary(k => k, _ => 0L),
    };

    /// <summary>Reads every counter once. O(bots) for the rows, and otherwise allocation-light; called under the lock by one thread.</summary>
    private EngineSnapshot BuildSnapshot(Run? run)
    {
        if (run is null)
            return IdleSnapshot();
        var context = run.Context;
        var c = context.Counters;
        var now = MonoClock.Now;
        var traffic = default(TrafficCounters);
        var rows = ImmutableArray.CreateBuilder<BotRow>(run.Bots.Count);
        foreach (var bot in run.Bots)
        {
            bot.AddTrafficTo(ref traffic);
            rows.Add(bot.ToRow());
        }
        var totals = new Totals(now, traffic.MessagesSent, traffic.MessagesReceived, traffic.BytesSent, traffic.BytesReceived,
            Interlocked.Read(ref c.Connects), Interlocked.Read(ref c.ErrorTotal), Interlocked.Read(ref c.Reconnects), run.Started);
        var previous = _previous;
        var seconds = totals.SecondsSince(previous);
        _previous = totals;
        double Rate(long current, long before) => Totals.Rate(current, before, seconds);

        var (chatInterval, chatTotal) = context.ChatRtt.Roll();
        var (pingInterval, pingTotal) = context.PingRtt.Roll();
        var (fanInterval, fanTotal) = context.FanOut.Roll();
        var (registrationInterval, registrationTotal) = context.Registration.Roll();
        var (connectInterval, connectTotal) = context.ConnectTime.Roll();
        // Smoothed over about a second: one tick's starts are too few to read as a rate.
        var weight = Math.Min(1, seconds);
        _effectiveRamp += (Rate(totals.Started, previous.Started) - _effectiveRamp) * weight;

        var online = c.Online;
        var errors = ErrorKinds.All.ToImmutableDictionary(k => k, k => Interlocked.Read(ref c.Errors[(int)k]));
        var figures = RecordWindowSample(run, totals, traffic, errors, online, chatTotal, pingTotal, fanTotal) with
        {
            Registration = registrationTotal,
            ConnectTime = connectTotal,
        };
        WarnOnReconnectStorm(context, Rate(totals.Reconnects, previous.Reconnects), now);
        AppendTimeline(run, totals, c);
        var histograms = new LatencyHistograms(context.ChatRtt.EncodeCumulative(), context.PingRtt.EncodeCumulative(), context.FanOut.EncodeCumulative())
        {
            Registration = context.Registration.EncodeCumulative(),
        };

        var state = !run.IsActive ? RunState.Stopped : run.Stopping ? RunState.Stopping : run.Ramping ? RunState.Ramping : RunState.Running;
        return totals.WithRates(new EngineSnapshot
        {
            Timestamp = DateTimeOffset.Now,
            Elapsed = run.Elapsed,
            StartedAt = run.StartedAt,
            State = state,
            RunId = context.RunId,
            ChatPaused = context.ChatPaused,
            TargetBots = run.Target,
            TotalBots = run.Assigned,
            PeakOnline = c.PeakOnline,
            Duration = run.Duration,
            States = ReadStates(c),
            MessagesSent = totals.Sent,
            MessagesReceived = totals.Received,
            FramesSent = traffic.FramesSent,
            FramesReceived = traffic.FramesReceived,
            BytesSent = totals.BytesSent,
            BytesReceived = totals.BytesReceived,
            Connects = totals.Connects,
            Reconnects = totals.Reconnects,
            PingsSent = traffic.PingsSent,
            PongsReceived = traffic.PongsReceived,
            ErrorCount = totals.Errors,
            GoodbyesSent = Interlocked.Read(ref c.GoodbyesSent),
            GoodbyesAcknowledged = Interlocked.Read(ref c.GoodbyesAcknowledged),
            StateTransitions = Interlocked.Read(ref c.Transitions),
            ChatRtt = chatTotal,
            ChatRttInterval = chatInterval,
            PingRtt = pingTotal,
            PingRttInterval = pingInterval,
            Registration = registrationTotal,
            RegistrationInterval = registrationInterval,
            ConnectTime = connectTotal,
            ConnectTimeInterval = connectInterval,
            RampPerSecond = run.RampPerSecond,
            EffectiveRampPerSecond = _effectiveRamp,
            HandshakesInFlight = context.Handshakes.InFlight,
            HandshakeWindow = context.Handshakes.Size,
            PeakHandshakesInFlight = context.Handshakes.PeakInFlight,
            PeakHandshakeWindow = context.Handshakes.PeakSize,
            RampLimit = RampLimit(run, registrationInterval.Count > 0 ? registrationInterval : registrationTotal),
            Delivery = new DeliveryStats(
                traffic.DeliveryExpected,
                traffic.DeliveryReceived,
                Math.Max(0, traffic.DeliveryLost),
                traffic.DeliveryDuplicated,
                traffic.DeliveryOutOfOrder,
                traffic.DeliveryUntagged,
                fanTotal,
                fanInterval)
            {
                Remote = traffic.DeliveryRemote,
                AuditReceivers = Math.Min(SenderTable.AuditReceivers, run.Bots.Count),
                Audited = traffic.DeliveryAudited,
                AuditsEveryReceiver = run.Bots.Count <= SenderTable.AuditReceivers,
            },
            Histograms = histograms,
            Errors = errors,
            ProtocolErrors = Enum.GetValues<ProtocolErrorKind>()
                .Where(k => Interlocked.Read(ref c.ProtocolErrors[(int)k]) > 0)
                .ToImmutableDictionary(k => k, k => Interlocked.Read(ref c.ProtocolErrors[(int)k])),
            Timeline = _timeline.Rows,
            Figures = figures,
            Windows = _windowFigures.Windows(run.Elapsed),
            Plan = context.Plan,
            PlanPoint = context.Plan is { } plan ? Planner.At(plan, run.Elapsed) : null,
            Events = context.Events.Drain(),
            Bots = rows.MoveToImmutable(),
        }, previous);
    }

    /// <summary>Adds this tick to the windowed figures and returns the whole run's figures.</summary>
    private RunFigures RecordWindowSample(Run run, Totals totals, TrafficCounters traffic, ImmutableDictionary<ErrorKind, long> errors, int online,
        LatencySummary chat, LatencySummary ping, LatencySummary fanOut)
    {
        var context = run.Context;
        var figures = new RunFigures
        {
            Span = run.Elapsed,
            ChatRtt = chat,
            PingRtt = ping,
            FanOut = fanOut,
            MessagesSent = totals.Sent,
            MessagesReceived = totals.Received,
            PingsSent = traffic.PingsSent,
            Connects = totals.Connects,
            Errors = totals.Errors,
            ErrorsByKind = errors,
            DeliveryExpected = traffic.DeliveryExpected,
            DeliveryReceived = traffic.DeliveryReceived,
            Lost = Math.Max(0, traffic.DeliveryLost),
            Duplicated = traffic.DeliveryDuplicated,
            OutOfOrder = traffic.DeliveryOutOfOrder,
            Online = online,
            Target = run.Target,
        };
        HistogramBase[] intervals = [context.ChatRtt.IntervalHistogram, context.PingRtt.IntervalHistogram, context.FanOut.IntervalHistogram,
            context.Registration.IntervalHistogram, context.ConnectTime.IntervalHistogram];
        return _windowFigures.Record(figures, intervals, run.Assigned, run.IsActive && !run.Stopping);
    }

    /// <summary>Closes a timeline second when the run's clock passes one (once per second, not per tick).</summary>
    private void AppendTimeline(Run run, Totals totals, EngineCounters c)
    {
        if (!_timeline.IsDue(run.Elapsed))
            return;
        var context = run.Context;
        var errors = new long[ErrorKinds.All.Count];
        for (var i = 0; i < errors.Length; i++)
            errors[i] = Interlocked.Read(ref c.Errors[i]);
        var chat = context.ChatRtt.TakeSecond();
        var ping = context.PingRtt.TakeSecond();
        var fanOut = context.FanOut.TakeSecond();
        var registration = context.Registration.TakeSecond();
        context.ConnectTime.TakeSecond();
        _timeline.Append(run.Elapsed, totals, new TimelineSecond(c.Online, ReadStates(c), errors, run.Target,
            context.Handshakes.InFlight, context.Handshakes.Size, chat, ping, fanOut, registration));
    }

    /// <summary>Why the ramp is slower than asked, in a person's words; empty when it is not held back.</summary>
    private static string RampLimit(Run run, LatencySummary registration)
    {
        if (!run.Ramping || !run.WindowLimited)
            return "";
        var window = run.Context.Handshakes;
        return window.LastSignal switch
        {
            HandshakeSignal.Slow => $"server slow to register: {registration.P99Ms:0} ms p99",
            HandshakeSignal.Failed => $"handshakes failing ({window.LastFailure.Name()}): {window.InFlight}/{window.Size} in flight",
            _ => $"handshake window opening: {window.InFlight}/{window.Size} in flight",
        };
    }

    private static StateCounts ReadStates(EngineCounters c)
    {
        int S(BotState s) => Math.Max(0, Volatile.Read(ref c.States[(int)s]));
        return new StateCounts(S(BotState.Idle), S(BotState.Connecting), S(BotState.Registering), S(BotState.Online),
            S(BotState.Reconnecting), S(BotState.Stopping), S(BotState.Stopped), S(BotState.Failed));
    }

    /// <summary>A reconnect storm is news worth one log line every few seconds, not one per bot.</summary>
    private void WarnOnReconnectStorm(RunContext context, double reconnectsPerSecond, long now)
    {
        var threshold = Math.Max(10, context.Counters.PeakOnline * 0.05);
        if (reconnectsPerSecond < threshold || MonoClock.ToMicroseconds(now - _lastStormEventTicks) < 5_000_000)
            return;
        _lastStormEventTicks = now;
        context.Events.Add(EventLevel.Error, $"reconnect storm: {reconnectsPerSecond:0} reconnects/s");
    }
}
