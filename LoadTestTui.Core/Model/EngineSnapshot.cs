using System.Collections.Immutable;

namespace LoadTestTui.Core.Model;

/// <summary>
/// Everything the engine knows at one tick, immutable. Subscribers (dashboard, headless
/// printer, exporters) see only these. Rates are per second over the last tick.
/// </summary>
public sealed record EngineSnapshot
{
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Time since the current run started (zero when idle); frozen once the run has stopped.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>When the run started, on the wall clock (null when idle): other timelines line up on it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public required RunState State { get; init; }

    public bool ChatPaused { get; init; }

    /// <summary>How many bots the run wants (changed by ScaleTo).</summary>
    public int TargetBots { get; init; }

    /// <summary>How many bots exist (started and not removed).</summary>
    public int TotalBots => Counters.TotalBots;

    public int PeakOnline { get; init; }

    /// <summary>The run's duration limit (null: until stopped); for the report's environment.</summary>
    public TimeSpan? Duration { get; init; }

    public StateCounts States => Counters.States;

    /// <summary>Every counter of the run at this tick; the properties below read it.</summary>
    public RunCounters Counters { get; init; } = RunCounters.Zero;

    public long MessagesSent => Counters.MessagesSent;
    public long MessagesReceived => Counters.MessagesReceived;
    public long FramesSent => Counters.FramesSent;
    public long FramesReceived => Counters.FramesReceived;
    public long BytesSent => Counters.BytesSent;
    public long BytesReceived => Counters.BytesReceived;
    public long Connects => Counters.Connects;
    public long Reconnects => Counters.Reconnects;
    public long PingsSent => Counters.PingsSent;
    public long PongsReceived => Counters.PongsReceived;
    public long ErrorCount => Counters.Errors;

    /// <summary>CHAT_EXIT frames sent on stop, and how many the server answered with S_ANS_EXIT.</summary>
    public long GoodbyesSent => Counters.GoodbyesSent;
    public long GoodbyesAcknowledged => Counters.GoodbyesAcknowledged;

    /// <summary>Bot state changes over the run (every transition counts once).</summary>
    public long StateTransitions => Counters.StateTransitions;

    public double MessagesSentPerSecond { get; init; }
    public double MessagesReceivedPerSecond { get; init; }
    public double BytesSentPerSecond { get; init; }
    public double BytesReceivedPerSecond { get; init; }
    public double ConnectsPerSecond { get; init; }
    public double ErrorsPerSecond { get; init; }

    /// <summary>Every latency of the run by kind: the whole run, and the last tick.</summary>
    public LatencyFigures Latency { get; init; } = LatencyFigures.Empty;
    public LatencyFigures LatencyInterval { get; init; } = LatencyFigures.Empty;

    /// <summary>Chat echo round trip (send to own echo), whole run and last tick.</summary>
    public LatencySummary ChatRtt => Latency[LatencyKind.ChatEcho];
    public LatencySummary ChatRttInterval => LatencyInterval[LatencyKind.ChatEcho];

    /// <summary>Ping to pong round trip, whole run and last tick.</summary>
    public LatencySummary PingRtt => Latency[LatencyKind.Ping];
    public LatencySummary PingRttInterval => LatencyInterval[LatencyKind.Ping];

    /// <summary>Registration latency: connect start to the first user list, whole run and last tick.</summary>
    public LatencySummary Registration => Latency[LatencyKind.Registration];
    public LatencySummary RegistrationInterval => LatencyInterval[LatencyKind.Registration];

    /// <summary>Connect start to TCP connected, whole run and last tick.</summary>
    public LatencySummary ConnectTime => Latency[LatencyKind.Connect];
    public LatencySummary ConnectTimeInterval => LatencyInterval[LatencyKind.Connect];

    /// <summary>The ramp asked for, in bots per second (zero when idle).</summary>
    public double RampPerSecond { get; init; }

    /// <summary>Bots actually started per second, smoothed over about a second.</summary>
    public double EffectiveRampPerSecond { get; init; }

    /// <summary>Handshakes (connect + register) in flight, and the congestion window that bounds them.</summary>
    public int HandshakesInFlight => Counters.HandshakesInFlight;
    public int HandshakeWindow => Counters.HandshakeWindow;

    /// <summary>The most handshakes ever in flight at once, and the largest the window has been, over the run.</summary>
    public int PeakHandshakesInFlight { get; init; }
    public int PeakHandshakeWindow { get; init; }

    /// <summary>Why the ramp is slower than asked, for a person ("server slow to register: 240 ms p99"); empty when it is not held back.</summary>
    public string RampLimit { get; init; } = "";

    public DeliveryStats Delivery { get; init; } = DeliveryStats.Empty;

    /// <summary>The whole run's latency distributions, encoded (what reports and comparisons read).</summary>
    public LatencyHistograms Histograms { get; init; } = LatencyHistograms.Empty;

    /// <summary>Errors by class over the run; every class is present (zero when none).</summary>
    public ImmutableDictionary<ErrorKind, long> Errors { get; init; } = ImmutableDictionary<ErrorKind, long>.Empty;

    /// <summary>Protocol errors by reason (the detail behind the protocol_error class).</summary>
    public ImmutableDictionary<ProtocolErrorKind, long> ProtocolErrors { get; init; } = ImmutableDictionary<ProtocolErrorKind, long>.Empty;

    /// <summary>Tag of this run's chats (see ChatTag); empty when idle.</summary>
    public string RunId { get; init; } = "";

    /// <summary>Events since the previous snapshot (bounded per tick).</summary>
    public ImmutableArray<EngineEvent> Events { get; init; } = [];

    /// <summary>One row per whole second of the run so far.</summary>
    public ImmutableList<TimelineRow> Timeline { get; init; } = [];

    /// <summary>The verdict figures of the whole run so far.</summary>
    public RunFigures Figures { get; init; } = RunFigures.Empty;

    /// <summary>Figures of each trailing window asked for with <c>ILoadEngine.TrackWindow</c>, by span.</summary>
    public ImmutableDictionary<TimeSpan, RunFigures> Windows { get; init; } = ImmutableDictionary<TimeSpan, RunFigures>.Empty;

    /// <summary>The load plan the run follows (null for a plain run) and where it stands now.</summary>
    public LoadPlan? Plan { get; init; }
    public PlanPoint? PlanPoint { get; init; }

    /// <summary>One row per bot, in id order (a cluster's controller has only the rows its agents sent).</summary>
    public ImmutableArray<BotRow> Bots { get; init; } = [];

    /// <summary>The load agents of a cluster run (empty when the bots run in this process).</summary>
    public ImmutableArray<AgentStatus> Agents { get; init; } = [];
}
