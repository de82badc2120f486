using System.Text.Json.Serialization;

namespace LoadTestTui.Core.Export;

/// <summary>
/// The monitor's JSON document: written whole by `loadtest monitor`, and embedded as the
/// "server" section of a run's export. Names are fixed by attributes, so any serializer
/// context writes the same snake_case document.
/// </summary>
public sealed record MonitorDocument(
    [property: JsonPropertyName("target")] MonitorTargetJson Target,
    [property: JsonPropertyName("interval")] double Interval,
    [property: JsonPropertyName("samples")] IReadOnlyList<MonitorSampleJson> Samples,
    [property: JsonPropertyName("summary")] MonitorSummaryJson Summary);

/// <summary>What was watched, as given: at most one of process, pid and port is set.</summary>
public sealed record MonitorTargetJson(
    [property: JsonPropertyName("process")] string? Process,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("load_test_port")] int? LoadTestPort);

/// <summary>One sample. Timestamp is Unix seconds; elapsed is seconds since the clock's origin.</summary>
public sealed record MonitorSampleJson(
    [property: JsonPropertyName("timestamp")] double Timestamp,
    [property: JsonPropertyName("datetime")] string DateTime,
    [property: JsonPropertyName("elapsed")] double Elapsed,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("restarted")] bool Restarted,
    [property: JsonPropertyName("restarts")] int Restarts,
    [property: JsonPropertyName("system")] SystemJson System,
    [property: JsonPropertyName("process")] ProcessJson? Process);

public sealed record SystemJson(
    [property: JsonPropertyName("cpu_percent")] double CpuPercent,
    [property: JsonPropertyName("memory")] MemoryJson Memory,
    [property: JsonPropertyName("disk")] DiskJson? Disk,
    [property: JsonPropertyName("network")] NetworkJson Network);

/// <summary>Bytes; percent is used / total.</summary>
public sealed record MemoryJson(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("available")] long Available,
    [property: JsonPropertyName("used")] long Used,
    [property: JsonPropertyName("percent")] double Percent);

/// <summary>The volume the process runs from, in bytes.</summary>
public sealed record DiskJson(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("used")] long Used,
    [property: JsonPropertyName("free")] long Free,
    [property: JsonPropertyName("percent")] double Percent);

/// <summary>Totals since boot and rates over the last interval, in bytes.</summary>
public sealed record NetworkJson(
    [property: JsonPropertyName("bytes_sent")] long BytesSent,
    [property: JsonPropertyName("bytes_recv")] long BytesReceived,
    [property: JsonPropertyName("sent_per_s")] double SentPerSecond,
    [property: JsonPropertyName("recv_per_s")] double ReceivedPerSecond);

/// <summary>The target process; null figures are unavailable on this system.</summary>
public sealed record ProcessJson(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("cpu_percent")] double CpuPercent,
    [property: JsonPropertyName("memory_percent")] double MemoryPercent,
    [property: JsonPropertyName("rss_bytes")] long ResidentBytes,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("handles")] int? Handles,
    [property: JsonPropertyName("connections")] int? Connections,
    [property: JsonPropertyName("connections_on_port")] int? ConnectionsOnPort);

/// <summary>Averages and maxima over the samples; process figures only over samples with the process present.</summary>
public sealed record MonitorSummaryJson(
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("process_samples")] int ProcessSamples,
    [property: JsonPropertyName("restarts")] int Restarts,
    [property: JsonPropertyName("system_cpu_percent")] AvgMaxJson SystemCpuPercent,
    [property: JsonPropertyName("system_memory_percent")] AvgMaxJson SystemMemoryPercent,
    [property: JsonPropertyName("process_cpu_percent")] AvgMaxJson? ProcessCpuPercent,
    [property: JsonPropertyName("process_memory_percent")] AvgMaxJson? ProcessMemoryPercent,
    [property: JsonPropertyName("process_rss_bytes")] AvgMaxJson? ProcessResidentBytes);

public sealed record AvgMaxJson(
    [property: JsonPropertyName("avg")] double Avg,
    [property: JsonPropertyName("max")] double Max);

/// <summary>Source-generated serializer for <see cref="MonitorDocument"/>; other contexts may embed the same types.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(MonitorDocument))]
public sealed partial class MonitorJsonContext : JsonSerializerContext;
