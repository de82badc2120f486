using System.Collections.Immutable;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

public sealed partial class BotEngine
{
    private readonly SnapshotAssembler _assembler;
    private readonly LatencySet _interval = LatencySet.WithBuiltIns();
    private readonly LatencySet _unreported = LatencySet.WithBuiltIns();
    private long _lastStormEventTicks;
    private long _previousReconnects;
    private long _previousTicks;

    /// <summary>Every later snapshot carries the figures of the trailing <paramref name="span"/> in <see cref="EngineSnapshot.Windows"/>.</summary>
    public void TrackWindow(TimeSpan span)
    {
        lock (_gate)
            _assembler.Track(span);
    }

    /// <summary>The current run's figures from run time <paramref name="from"/> until now (a fresh tick is taken first).</summary>
    public RunFigures FiguresSince(TimeSpan from)
    {
        lock (_gate)
        {
            if (!_disposed)
                Publish();
            return _assembler.Since(from);
        }
    }

    private static EngineSnapshot IdleSnapshot() => new()
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
        var now = MonoClock.Now;
        var traffic = default(TrafficCounters);
        var rows = ImmutableArray.CreateBuilder<BotRow>(run.Bots.Count);
        foreach (var bot in run.Bots)
        {
            bot.AddTrafficTo(ref traffic);
            rows.Add(bot.ToRow());
        }
        var counters = ReadCounters(run, traffic);

        _interval.Reset();
        foreach (var recorder in context.Recorders)
            recorder.MoveTo(_interval);
        if (Options.KeepUnreported)
            _unreported.Add(_interval);

        WarnOnReconnectStorm(context, counters.Reconnects, now);
        var state = !run.IsActive ? RunState.Stopped : run.Stopping ? RunState.Stopping : run.Ramping ? RunState.Ramping : RunState.Running;
        return _assembler.Next(now, counters, _interval, new RunMeta
        {
            Elapsed = run.Elapsed,
            StartedAt = run.StartedAt,
            State = state,
            RunId = context.RunId,
            ChatPaused = context.ChatPaused,
            Target = run.Target,
            Duration = run.Duration,
            RampPerSecond = run.RampPerSecond,
            RampLimit = RampLimit(run),
            Plan = context.Plan,
            Events = context.Events.Drain(),
            Bots = rows.MoveToImmutable(),
            Counting = run.IsActive && !run.Stopping,
        });
    }

    /// <summary>The run's counters as of now: the shared ones of rare events, and the bots' own traffic summed.</summary>
    private static RunCounters ReadCounters(Run run, TrafficCounters traffic)
    {
        var c = run.Context.Counters;
        var handshakes = run.Context.Handshakes;
        var firstId = run.Context.Options.FirstBotId;
        return new RunCounters
        {
            TotalBots = run.Assigned,
            BotsCreated = run.Bots.Count,
            AuditReceivers = Math.Clamp(SenderTable.AuditReceivers - firstId + 1, 0, run.Bots.Count),
            States = ReadStates(c),
            HandshakesInFlight = handshakes.InFlight,
            HandshakeWindow = handshakes.Size,
            Started = run.Started,
            Connects = Interlocked.Read(ref c.Connects),
            Reconnects = Interlocked.Read(ref c.Reconnects),
            StateTransitions = Interlocked.Read(ref c.Transitions),
            GoodbyesSent = Interlocked.Read(ref c.GoodbyesSent),
            GoodbyesAcknowledged = Interlocked.Read(ref c.GoodbyesAcknowledged),
            MessagesSent = traffic.MessagesSent,
            MessagesReceived = traffic.MessagesReceived,
            FramesSent = traffic.FramesSent,
            FramesReceived = traffic.FramesReceived,
            BytesSent = traffic.BytesSent,
            BytesReceived = traffic.BytesReceived,
            PingsSent = traffic.PingsSent,
            PongsReceived = traffic.PongsReceived,
            Errors = Interlocked.Read(ref c.ErrorTotal),
            ErrorsByKind = [.. c.Errors.Select((_, i) => Interlocked.Read(ref c.Errors[i]))],
            ProtocolErrors = [.. c.ProtocolErrors.Select((_, i) => Interlocked.Read(ref c.ProtocolErrors[i]))],
            DeliveryExpected = traffic.DeliveryExpected,
            DeliveryReceived = traffic.DeliveryReceived,
            DeliveryLost = traffic.DeliveryLost,
            DeliveryDuplicated = traffic.DeliveryDuplicated,
            DeliveryOutOfOrder = traffic.DeliveryOutOfOrder,
            DeliveryUntagged = traffic.DeliveryUntagged,
            DeliveryRemote = traffic.DeliveryRemote,
            DeliveryAudited = traffic.DeliveryAudited,
        };
    }

    /// <summary>Why the ramp is slower than asked, in a person's words; empty when it is not held back.</summary>
    private string RampLimit(Run run)
    {
        if (!run.Ramping || !run.WindowLimited)
            return "";
        var window = run.Context.Handshakes;
        return window.LastSignal switch
        {
            HandshakeSignal.Slow => $"server slow to register: {SlowRegistrationP99(run):0} ms p99",
            HandshakeSignal.Failed => $"handshakes failing ({window.LastFailure.Name()}): {window.InFlight}/{window.Size} in flight",
            _ => $"handshake window opening: {window.InFlight}/{window.Size} in flight",
        };
    }

    /// <summary>This tick's registrations p99, or the run's when the tick had none.</summary>
    private double SlowRegistrationP99(Run run)
    {
        var tick = LatencyHistogram.Summarize(_interval.For(LatencyKind.Registration));
        return (tick.Count > 0 ? tick : Latest.Registration).P99Ms;
    }

    private static StateCounts ReadStates(EngineCounters c)
    {
        int S(BotState s) => Math.Max(0, Volatile.Read(ref c.States[(int)s]));
        return new StateCounts(S(BotState.Idle), S(BotState.Connecting), S(BotState.Registering), S(BotState.Online),
            S(BotState.Reconnecting), S(BotState.Stopping), S(BotState.Stopped), S(BotState.Failed));
    }

    /// <summary>A reconnect storm is news worth one log line every few seconds, not one per bot.</summary>
    private void WarnOnReconnectStorm(RunContext context, long reconnects, long now)
    {
        var seconds = Math.Max(1e-3, MonoClock.ToMicroseconds(now - _previousTicks) / 1e6);
        var reconnectsPerSecond = Math.Max(0, reconnects - _previousReconnects) / seconds;
        (_previousReconnects, _previousTicks) = (reconnects, now);
        var threshold = Math.Max(10, context.Counters.PeakOnline * 0.05);
        if (reconnectsPerSecond < threshold || MonoClock.ToMicroseconds(now - _lastStormEventTicks) < 5_000_000)
            return;
        _lastStormEventTicks = now;
        context.Events.Add(EventLevel.Error, $"reconnect storm: {reconnectsPerSecond:0} reconnects/s");
    }
}
