using System.Collections.Immutable;
using System.Text.Json.Serialization;
using HdrHistogram;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// One agent's run figures in an <see cref="AgentReport"/>: cumulative counters (the controller
/// sums the agents' latest) and the latency values of the last interval in HdrHistogram's
/// compressed encoding (the controller adds every interval it receives).
/// </summary>
public sealed record AgentFigures
{
    public RunState State { get; init; }
    public bool ChatPaused { get; init; }
    public int TargetBots { get; init; }
    public int TotalBots { get; init; }
    public int PeakOnline { get; init; }
    public StateCounts States { get; init; }
    public long MessagesSent { get; init; }
    public long MessagesReceived { get; init; }
    public long FramesSent { get; init; }
    public long FramesReceived { get; init; }
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    public long Connects { get; init; }
    public long Reconnects { get; init; }
    public long PingsSent { get; init; }
    public long PongsReceived { get; init; }
    public long ErrorCount { get; init; }
    public long GoodbyesSent { get; init; }
    public long GoodbyesAcknowledged { get; init; }
    public long StateTransitions { get; init; }
    public ImmutableDictionary<ErrorKind, long> Errors { get; init; } = ImmutableDictionary<ErrorKind, long>.Empty;
    public ImmutableDictionary<ProtocolErrorKind, long> ProtocolErrors { get; init; } = ImmutableDictionary<ProtocolErrorKind, long>.Empty;
    public long DeliveryExpected { get; init; }
    public long DeliveryReceived { get; init; }
    public long DeliveryLost { get; init; }
    public long DeliveryDuplicated { get; init; }
    public long DeliveryOutOfOrder { get; init; }
    public long DeliveryUntagged { get; init; }
    public long DeliveryRemote { get; init; }

    public double EffectiveRampPerSecond { get; init; }
    public int HandshakesInFlight { get; init; }
    public int HandshakeWindow { get; init; }
    public string RampLimit { get; init; } = "";

    /// <summary>Interval histograms (µs), compressed; null when the interval recorded nothing.</summary>
    public byte[]? ChatRtt { get; init; }
    public byte[]? PingRtt { get; init; }
    public byte[]? FanOut { get; init; }
    public byte[]? Registration { get; init; }
    public byte[]? ConnectTime { get; init; }

    /// <summary>The interval histograms in the order <see cref="Engine.BotEngine"/> takes them: chat, ping, fan-out, registration, connect.</summary>
    [JsonIgnore] // derived from the five above; never sent twice
    public IReadOnlyList<byte[]?> Histograms => [ChatRtt, PingRtt, FanOut, Registration, ConnectTime];

    /// <param name="histograms">Chat RTT, ping RTT, fan-out, registration and connect time since the last report.</param>
    public static AgentFigures From(EngineSnapshot s, IReadOnlyList<HistogramBase> histograms)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(histograms);
        return new AgentFigures
        {
            State = s.State,
            ChatPaused = s.ChatPaused,
            TargetBots = s.TargetBots,
            TotalBots = s.TotalBots,
            PeakOnline = s.PeakOnline,
            States = s.States,
            MessagesSent = s.MessagesSent,
            MessagesReceived = s.MessagesReceived,
            FramesSent = s.FramesSent,
            FramesReceived = s.FramesReceived,
            BytesSent = s.BytesSent,
            BytesReceived = s.BytesReceived,
            Connects = s.Connects,
            Reconnects = s.Reconnects,
            PingsSent = s.PingsSent,
            PongsReceived = s.PongsReceived,
            ErrorCount = s.ErrorCount,
            GoodbyesSent = s.GoodbyesSent,
            GoodbyesAcknowledged = s.GoodbyesAcknowledged,
            StateTransitions = s.StateTransitions,
            Errors = s.Errors.Where(e => e.Value != 0).ToImmutableDictionary(),
            ProtocolErrors = s.ProtocolErrors,
            DeliveryExpected = s.Delivery.Expected,
            DeliveryReceived = s.Delivery.Received,
            DeliveryLost = s.Delivery.Lost,
            DeliveryDuplicated = s.Delivery.Duplicated,
            DeliveryOutOfOrder = s.Delivery.OutOfOrder,
            DeliveryUntagged = s.Delivery.Untagged,
            DeliveryRemote = s.Delivery.Remote,
            EffectiveRampPerSecond = s.EffectiveRampPerSecond,
            HandshakesInFlight = s.HandshakesInFlight,
            HandshakeWindow = s.HandshakeWindow,
            RampLimit = s.RampLimit,
            ChatRtt = HistogramCodec.Encode(histograms[0]),
            PingRtt = HistogramCodec.Encode(histograms[1]),
            FanOut = HistogramCodec.Encode(histograms[2]),
            Registration = HistogramCodec.Encode(histograms[3]),
            ConnectTime = HistogramCodec.Encode(histograms[4]),
        };
    }
}
