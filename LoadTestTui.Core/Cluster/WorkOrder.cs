using System.Text.Json.Serialization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// An agent's share of a run: the bots' behaviour (everything in <see cref="BotOptions"/> but
/// the source address, which is the agent's own), its bot id range and count, and the timing.
/// Times are in milliseconds.
/// </summary>
public sealed record WorkOrder
{
    public required string Host { get; init; }
    public int Port { get; init; }
    public string NamePrefix { get; init; } = "Bot_";
    public double ChatIntervalMinMs { get; init; }
    public double ChatIntervalMaxMs { get; init; }
    public double HeartbeatIntervalMs { get; init; }
    public double PingIntervalMs { get; init; }
    public IReadOnlyList<string> Messages { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // not the type's default: always written
    public bool Tagged { get; init; } = true;
    public double ConnectTimeoutMs { get; init; }
    public double ResponseTimeoutMs { get; init; }
    public int? MaxReconnects { get; init; }
    public double ReconnectBaseDelayMs { get; init; }
    public double ReconnectMaxDelayMs { get; init; }
    public string Key { get; init; } = ProtocolOptions.DefaultKey;
    public string Encoding { get; init; } = "utf-8";
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // not the type's default: always written
    public int MaxFrameSize { get; init; } = ProtocolOptions.DefaultMaxFrameSize;

    /// <summary>This agent's first bot id; its ids run up to FirstBotId + IdBlock - 1.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] // not the type's default: always written
    public int FirstBotId { get; init; } = 1;
    public int IdBlock { get; init; }

    /// <summary>Ids 1..ClusterBotIds belong to the run (every agent's block).</summary>
    public int ClusterBotIds { get; init; }

    public int Count { get; init; }
    public double RampPerSecond { get; init; }
    public double TickMs { get; init; }
    public double StopTimeoutMs { get; init; }
    // Their defaults are not the type's: always written, so a zero never reads back as the default.
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int HandshakeWindowMax { get; init; } = EngineOptions.Default.HandshakeWindowMax;
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int HandshakeWindowInitial { get; init; } = EngineOptions.Default.HandshakeWindowInitial;
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double HandshakeTargetMs { get; init; } = EngineOptions.Default.HandshakeTarget.TotalMilliseconds;
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double ReconnectsPerSecond { get; init; } = EngineOptions.Default.ReconnectsPerSecond;

    /// <summary>How long the agent runs without hearing its controller before it stops its bots.</summary>
    public double ControllerTimeoutMs { get; init; }

    /// <summary>A load plan's stages (behaviours and times), when the run follows one; the controller sends each stage change too.</summary>
    public IReadOnlyList<WorkStage>? Stages { get; init; }

    public static WorkOrder From(BotOptions bots, EngineOptions engine) => new()
    {
        Host = bots.Host,
        Port = bots.Port,
        NamePrefix = bots.NamePrefix,
        ChatIntervalMinMs = bots.ChatIntervalMin.TotalMilliseconds,
        ChatIntervalMaxMs = bots.ChatIntervalMax.TotalMilliseconds,
        HeartbeatIntervalMs = bots.HeartbeatInterval.TotalMilliseconds,
        PingIntervalMs = bots.PingInterval.TotalMilliseconds,
        Messages = bots.Messages,
        Tagged = bots.Tagged,
        ConnectTimeoutMs = bots.ConnectTimeout.TotalMilliseconds,
        ResponseTimeoutMs = bots.ResponseTimeout.TotalMilliseconds,
        MaxReconnects = bots.MaxReconnects,
        ReconnectBaseDelayMs = bots.ReconnectBaseDelay.TotalMilliseconds,
        ReconnectMaxDelayMs = bots.ReconnectMaxDelay.TotalMilliseconds,
        Key = bots.Protocol.Key,
        Encoding = bots.Protocol.Encoding,
        MaxFrameSize = bots.Protocol.MaxFrameSize,
        TickMs = engine.Tick.TotalMilliseconds,
        StopTimeoutMs = engine.StopTimeout.TotalMilliseconds,
        RampPerSecond = engine.RampPerSecond,
        HandshakeWindowMax = engine.HandshakeWindowMax,
        HandshakeWindowInitial = engine.HandshakeWindowInitial,
        HandshakeTargetMs = engine.HandshakeTarget.TotalMilliseconds,
        ReconnectsPerSecond = engine.ReconnectsPerSecond,
    };

    public BotOptions ToBotOptions(System.Net.IPAddress? localAddress) => new()
    {
        Host = Host,
        Port = Port,
        NamePrefix = NamePrefix,
        ChatIntervalMin = TimeSpan.FromMilliseconds(ChatIntervalMinMs),
        ChatIntervalMax = TimeSpan.FromMilliseconds(ChatIntervalMaxMs),
        HeartbeatInterval = TimeSpan.FromMilliseconds(HeartbeatIntervalMs),
        PingInterval = TimeSpan.FromMilliseconds(PingIntervalMs),
        Messages = Messages.Count > 0 ? Messages : MessagePool.Default,
        Tagged = Tagged,
        ConnectTimeout = TimeSpan.FromMilliseconds(ConnectTimeoutMs),
        ResponseTimeout = TimeSpan.FromMilliseconds(ResponseTimeoutMs),
        MaxReconnects = MaxReconnects,
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(ReconnectBaseDelayMs),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(ReconnectMaxDelayMs),
        Protocol = new ProtocolOptions { Key = Key, Encoding = Encoding, MaxFrameSize = MaxFrameSize },
        FirstBotId = FirstBotId,
        ClusterBotIds = ClusterBotIds,
        LocalAddress = localAddress,
    };

    /// <summary>The agent's engine: the controller's tick, stop timeout, handshake window and reconnect rate; histograms kept for shipping.</summary>
    public EngineOptions ToEngineOptions() => new()
    {
        RampPerSecond = RampPerSecond,
        Tick = TimeSpan.FromMilliseconds(TickMs),
        StopTimeout = TimeSpan.FromMilliseconds(StopTimeoutMs),
        HandshakeWindowMax = HandshakeWindowMax,
        HandshakeWindowInitial = HandshakeWindowInitial,
        HandshakeTarget = TimeSpan.FromMilliseconds(HandshakeTargetMs),
        ReconnectsPerSecond = ReconnectsPerSecond,
        KeepUnreported = true,
    };
}
