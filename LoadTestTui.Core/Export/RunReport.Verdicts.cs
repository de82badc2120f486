using System.Text.Json.Serialization;

namespace LoadTestTui.Core.Export;

public sealed record PlanReport(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("start_target")] int? StartTarget,
    [property: JsonPropertyName("total_s")] double? TotalSeconds,
    [property: JsonPropertyName("stage")] int? Stage,
    [property: JsonPropertyName("stages")] IReadOnlyList<StageReport>? Stages);

/// <summary>A stage; the behaviour fields are present only when the stage changes them (0 = off).</summary>
public sealed record StageReport(
    [property: JsonPropertyName("duration_s")] double? DurationSeconds,
    [property: JsonPropertyName("target")] int? Target,
    [property: JsonPropertyName("chat_interval_min_s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ChatIntervalMinSeconds,
    [property: JsonPropertyName("chat_interval_max_s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? ChatIntervalMaxSeconds,
    [property: JsonPropertyName("heartbeat_interval_s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? HeartbeatIntervalSeconds,
    [property: JsonPropertyName("ping_interval_s"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PingIntervalSeconds);

/// <summary>A threshold judged: the limit and the measured value are in the metric's unit (ms, fraction, percent, MB, count, per second).</summary>
public sealed record ThresholdReport(
    [property: JsonPropertyName("expr")] string? Expression,
    [property: JsonPropertyName("metric")] string? Metric,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("op")] string? Op,
    [property: JsonPropertyName("limit")] double? Limit,
    [property: JsonPropertyName("window_s")] double? WindowSeconds,
    [property: JsonPropertyName("abort")] bool? Abort,
    [property: JsonPropertyName("grace_s")] double? GraceSeconds,
    [property: JsonPropertyName("measured")] double? Measured,
    [property: JsonPropertyName("passed")] bool? Passed);

public sealed record CapacityReport(
    [property: JsonPropertyName("answer")] string? Answer,
    [property: JsonPropertyName("holds_bots")] int? HoldsBots,
    [property: JsonPropertyName("fails_at_bots")] int? FailsAtBots,
    [property: JsonPropertyName("fail_reason")] string? FailReason,
    [property: JsonPropertyName("upper_bound_reached")] bool? UpperBoundReached,
    [property: JsonPropertyName("stopped_early")] string? StoppedEarly,
    [property: JsonPropertyName("min_bots")] int? MinBots,
    [property: JsonPropertyName("max_bots")] int? MaxBots,
    [property: JsonPropertyName("resolution")] double? Resolution,
    [property: JsonPropertyName("slo")] IReadOnlyList<string>? Slo,
    [property: JsonPropertyName("steps")] IReadOnlyList<CapacityStepReport>? Steps)
{
    /// <summary>The SLO as data: each threshold's metric, unit, comparison and limit (what a report draws as the SLO line).</summary>
    [JsonPropertyName("slo_limits")]
    public IReadOnlyList<SloLimitReport>? SloLimits { get; init; }
}

/// <summary>One SLO threshold of a capacity search: the limit is in the metric's unit, like the steps' figures.</summary>
public sealed record SloLimitReport(
    [property: JsonPropertyName("expr")] string? Expression,
    [property: JsonPropertyName("metric")] string? Metric,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("op")] string? Op,
    [property: JsonPropertyName("limit")] double? Limit);

/// <summary>One step: its bots, the window it was measured on, each SLO figure (by metric name, in its unit), the server's CPU and memory, and the verdict.</summary>
public sealed record CapacityStepReport(
    [property: JsonPropertyName("step")] int? Step,
    [property: JsonPropertyName("bots")] int? Bots,
    [property: JsonPropertyName("online")] int? Online,
    [property: JsonPropertyName("from_s")] double? FromSeconds,
    [property: JsonPropertyName("to_s")] double? ToSeconds,
    [property: JsonPropertyName("figures")] IReadOnlyDictionary<string, double?>? Figures,
    [property: JsonPropertyName("server_cpu_max")] double? ServerCpuMax,
    [property: JsonPropertyName("server_memory_max_mb")] double? ServerMemoryMaxMb,
    [property: JsonPropertyName("passed")] bool? Passed,
    [property: JsonPropertyName("failures")] IReadOnlyList<string>? Failures);
