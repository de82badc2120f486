using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LoadTestTui.Core.Export;

/// <summary>
/// The JSON result of a run (see docs/formats.md). The first fields keep the original
/// Python tool's names and meaning; the rest extend it. Latencies are milliseconds.
/// The one schema: the export writes these records and reports read them back
/// (<see cref="RunReportJsonContext.Reading"/>). Every field is nullable because an older
/// file may lack it: read back, a missing field is null ("not recorded"), never a made-up 0.
/// <c>required</c> is for the writer only; reading ignores it.
/// </summary>
public sealed record RunReport
{
    [JsonPropertyName("test_running")] public required bool? TestRunning { get; init; }
    [JsonPropertyName("elapsed_time")] public required double? ElapsedTime { get; init; }
    [JsonPropertyName("total_bots")] public required int? TotalBots { get; init; }
    [JsonPropertyName("connected_bots")] public required int? ConnectedBots { get; init; }
    [JsonPropertyName("messages_sent")] public required long? MessagesSent { get; init; }
    [JsonPropertyName("messages_received")] public required long? MessagesReceived { get; init; }
    [JsonPropertyName("error_count")] public required long? ErrorCount { get; init; }
    [JsonPropertyName("latency")] public required LatencyReport? Latency { get; init; }
    [JsonPropertyName("ping_latency")] public required LatencyReport? PingLatency { get; init; }
    [JsonPropertyName("peak_connected_bots")] public required int? PeakConnectedBots { get; init; }
    [JsonPropertyName("errors")] public required IReadOnlyDictionary<string, long>? Errors { get; init; }
    [JsonPropertyName("protocol_errors")] public required IReadOnlyDictionary<string, long>? ProtocolErrors { get; init; }
    [JsonPropertyName("delivery")] public required DeliveryReport? Delivery { get; init; }
    [JsonPropertyName("totals")] public required TotalsReport? Totals { get; init; }
    [JsonPropertyName("run")] public required RunInfo? Run { get; init; }
    [JsonPropertyName("histograms")] public required HistogramsReport? Histograms { get; init; }
    [JsonPropertyName("timeline")] public required IReadOnlyList<TimelineReportRow>? Timeline { get; init; }
    [JsonPropertyName("bot_details")] public required IReadOnlyList<BotReport>? BotDetails { get; init; }

    /// <summary>Connect start to the first user list, per connection that registered.</summary>
    [JsonPropertyName("registration_latency")] public required LatencyReport? RegistrationLatency { get; init; }

    /// <summary>Connect start to TCP connected.</summary>
    [JsonPropertyName("connect_time")] public required LatencyReport? ConnectTime { get; init; }

    [JsonPropertyName("ramp")] public required RampReport? Ramp { get; init; }

    /// <summary>The run's average and peak-second rates (the snapshot's own rates are the last tick's); absent in older files.</summary>
    [JsonPropertyName("rates")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunRates? Rates { get; init; }

    /// <summary>The monitored server's samples on the same clock; absent when no server was monitored.</summary>
    [JsonPropertyName("server")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MonitorDocument? Server { get; init; }

    /// <summary>The load plan the run followed; absent for a plain run.</summary>
    [JsonPropertyName("plan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlanReport? Plan { get; init; }

    /// <summary>Every threshold, judged as of this report's snapshot; absent when none was given.</summary>
    [JsonPropertyName("thresholds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ThresholdReport>? Thresholds { get; init; }

    /// <summary>A capacity search's answer and steps; only in <c>loadtest capacity</c>'s report.</summary>
    [JsonPropertyName("capacity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CapacityReport? Capacity { get; init; }
}

public sealed record LatencyReport(
    [property: JsonPropertyName("min")] double? Min,
    [property: JsonPropertyName("max")] double? Max,
    [property: JsonPropertyName("avg")] double? Avg,
    [property: JsonPropertyName("samples")] long? Samples,
    [property: JsonPropertyName("p50")] double? P50,
    [property: JsonPropertyName("p90")] double? P90,
    [property: JsonPropertyName("p95")] double? P95,
    [property: JsonPropertyName("p99")] double? P99,
    [property: JsonPropertyName("p999")] double? P999);

public sealed record DeliveryReport(
    [property: JsonPropertyName("expected")] long? Expected,
    [property: JsonPropertyName("received")] long? Received,
    [property: JsonPropertyName("lost")] long? Lost,
    [property: JsonPropertyName("duplicated")] long? Duplicated,
    [property: JsonPropertyName("out_of_order")] long? OutOfOrder,
    [property: JsonPropertyName("untagged")] long? Untagged,
    [property: JsonPropertyName("fanout_latency")] LatencyReport FanOutLatency,
    [property: JsonPropertyName("audit_receivers")] int? AuditReceivers,
    [property: JsonPropertyName("audited")] long? Audited,
    [property: JsonPropertyName("audit_is_sample")] bool? AuditIsSample,
    [property: JsonPropertyName("fanout_left_out")] long? FanOutLeftOut);

public sealed record TotalsReport(
    [property: JsonPropertyName("frames_sent")] long? FramesSent,
    [property: JsonPropertyName("frames_received")] long? FramesReceived,
    [property: JsonPropertyName("bytes_sent")] long? BytesSent,
    [property: JsonPropertyName("bytes_received")] long? BytesReceived,
    [property: JsonPropertyName("connects")] long? Connects,
    [property: JsonPropertyName("reconnects")] long? Reconnects,
    [property: JsonPropertyName("pings_sent")] long? PingsSent,
    [property: JsonPropertyName("pongs_received")] long? PongsReceived,
    [property: JsonPropertyName("goodbyes_sent")] long? GoodbyesSent,
    [property: JsonPropertyName("goodbyes_acknowledged")] long? GoodbyesAcknowledged,
    [property: JsonPropertyName("state_transitions")] long? StateTransitions);

public sealed record RunInfo(
    [property: JsonPropertyName("tool")] string? Tool,
    [property: JsonPropertyName("run_id")] string? RunId,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("target_bots")] int? TargetBots,
    [property: JsonPropertyName("written_at")] DateTimeOffset? WrittenAt)
{
    [JsonPropertyName("tool_version")] public string? ToolVersion { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; init; }
    [JsonPropertyName("ended_at")] public DateTimeOffset? EndedAt { get; init; }
    [JsonPropertyName("ramp_per_s")] public double? RampPerSecond { get; init; }
    [JsonPropertyName("duration_s")] public double? DurationSeconds { get; init; }
    [JsonPropertyName("options")] public required OptionsReport? Options { get; init; }
    [JsonPropertyName("machine")] public required MachineReport? Machine { get; init; }
}

/// <summary>The bot options the run used (what a reader needs to reproduce it).</summary>
public sealed record OptionsReport(
    [property: JsonPropertyName("name_prefix")] string? NamePrefix,
    [property: JsonPropertyName("chat_interval_min_s")] double? ChatIntervalMin,
    [property: JsonPropertyName("chat_interval_max_s")] double? ChatIntervalMax,
    [property: JsonPropertyName("heartbeat_interval_s")] double? HeartbeatInterval,
    [property: JsonPropertyName("ping_interval_s")] double? PingInterval,
    [property: JsonPropertyName("tagged")] bool? Tagged,
    [property: JsonPropertyName("connect_timeout_s")] double? ConnectTimeout,
    [property: JsonPropertyName("response_timeout_s")] double? ResponseTimeout,
    [property: JsonPropertyName("max_reconnects")] int? MaxReconnects,
    [property: JsonPropertyName("encoding")] string? Encoding,
    [property: JsonPropertyName("max_frame")] int? MaxFrame)
{
    /// <summary>Which XOR key the frames used, without writing the key: the first 16 hex digits of its SHA-256; "" for no key.</summary>
    [JsonPropertyName("key_sha256")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KeySha256 { get; init; }
}

public sealed record MachineReport(
    [property: JsonPropertyName("host_name")] string? HostName,
    [property: JsonPropertyName("os")] string? Os,
    [property: JsonPropertyName("runtime")] string? Runtime,
    [property: JsonPropertyName("cpus")] int? Cpus);

/// <summary>The run's cumulative latency histograms: HdrHistogram V2 compressed encoding, base64, microseconds; "" when no samples.</summary>
public sealed record HistogramsReport(
    [property: JsonPropertyName("encoding")] string? Encoding,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("chat_rtt")] string? ChatRtt,
    [property: JsonPropertyName("ping_rtt")] string? PingRtt,
    [property: JsonPropertyName("fanout")] string? FanOut)
{
    [JsonPropertyName("registration")] public string? Registration { get; init; }
}

/// <summary>Latency of the samples completed within one timeline second.</summary>
public sealed record SecondLatencyReport(
    [property: JsonPropertyName("samples")] long? Samples,
    [property: JsonPropertyName("p50")] double? P50,
    [property: JsonPropertyName("p90")] double? P90,
    [property: JsonPropertyName("p99")] double? P99,
    [property: JsonPropertyName("max")] double? Max);

public sealed record TimelineReportRow(
    [property: JsonPropertyName("t")] int? T,
    [property: JsonPropertyName("online")] int? Online,
    [property: JsonPropertyName("sent")] long? Sent,
    [property: JsonPropertyName("received")] long? Received,
    [property: JsonPropertyName("sent_per_s")] double? SentPerSecond,
    [property: JsonPropertyName("received_per_s")] double? ReceivedPerSecond,
    [property: JsonPropertyName("p50")] double? P50,
    [property: JsonPropertyName("p99")] double? P99,
    [property: JsonPropertyName("errors")] long? Errors,
    [property: JsonPropertyName("connects")] long? Connects)
{
    [JsonPropertyName("registration_p99")] public double? RegistrationP99 { get; init; }
    [JsonPropertyName("effective_ramp_per_s")] public double? EffectiveRampPerSecond { get; init; }
    [JsonPropertyName("handshakes_in_flight")] public int? HandshakesInFlight { get; init; }
    [JsonPropertyName("handshake_window")] public int? HandshakeWindow { get; init; }
    [JsonPropertyName("target")] public int? Target { get; init; }
    [JsonPropertyName("states")] public required IReadOnlyDictionary<string, int>? States { get; init; }
    [JsonPropertyName("bytes_sent_per_s")] public double? BytesSentPerSecond { get; init; }
    [JsonPropertyName("bytes_received_per_s")] public double? BytesReceivedPerSecond { get; init; }

    /// <summary>Errors recorded within this second by class; only classes with any.</summary>
    [JsonPropertyName("errors_by_class")] public required IReadOnlyDictionary<string, long>? ErrorsByClass { get; init; }
    [JsonPropertyName("chat")] public required SecondLatencyReport? Chat { get; init; }
    [JsonPropertyName("ping")] public required SecondLatencyReport? Ping { get; init; }
    [JsonPropertyName("fanout")] public required SecondLatencyReport? FanOut { get; init; }
    [JsonPropertyName("registration")] public required SecondLatencyReport? Registration { get; init; }
}

/// <summary>The ramp asked for, the one the handshake window allowed, and why they differ.</summary>
public sealed record RampReport(
    [property: JsonPropertyName("asked_per_s")] double? AskedPerSecond,
    [property: JsonPropertyName("effective_per_s")] double? EffectivePerSecond,
    [property: JsonPropertyName("handshakes_in_flight")] int? HandshakesInFlight,
    [property: JsonPropertyName("handshake_window")] int? HandshakeWindow,
    [property: JsonPropertyName("peak_handshakes_in_flight")] int? PeakHandshakesInFlight,
    [property: JsonPropertyName("peak_handshake_window")] int? PeakHandshakeWindow,
    [property: JsonPropertyName("limit")] string? Limit)
{
    /// <summary>The run's ramp: mean and busiest of the seconds that started bots (null when none did, or in older files).</summary>
    [JsonPropertyName("effective_avg_per_s")] public double? EffectiveAveragePerSecond { get; init; }
    [JsonPropertyName("effective_peak_per_s")] public double? EffectivePeakPerSecond { get; init; }
}

public sealed record BotReport(
    [property: JsonPropertyName("bot_id")] int? BotId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("messages_sent")] long? MessagesSent,
    [property: JsonPropertyName("messages_received")] long? MessagesReceived,
    [property: JsonPropertyName("reconnects")] int? Reconnects,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("rtt_last")] double? RttLast,
    [property: JsonPropertyName("rtt_min")] double? RttMin,
    [property: JsonPropertyName("rtt_avg")] double? RttAvg,
    [property: JsonPropertyName("rtt_max")] double? RttMax)
{
    [JsonPropertyName("connected")] public bool? Connected { get; init; }
    [JsonPropertyName("pending_pings")] public int? PendingPings { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(MonitorDocument))]
public sealed partial class RunReportJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For reading results files back: older files lack fields the writer requires, so
    /// <c>required</c> is not enforced (a missing field reads as null); unknown fields are
    /// skipped; trailing commas and deep nesting up to 64 are accepted.
    /// </summary>
    public static System.Text.Json.JsonSerializerOptions Reading => s_reading ??= new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        AllowTrailingCommas = true,
        MaxDepth = 64,
        TypeInfoResolver = ((IJsonTypeInfoResolver)Default).WithAddedModifier(static type =>
        {
            foreach (var property in type.Properties)
                property.IsRequired = false;
        }),
    };

    // Made on first use: the generated Default is a static of another part of this class, and statics across parts initialise in no set order.
    private static System.Text.Json.JsonSerializerOptions? s_reading;

    /// <summary>Relaxed escaping keeps Korean text and "+09:00" readable, as in the monitor's file: the output is not HTML.</summary>
    public static RunReportJsonContext Relaxed { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
