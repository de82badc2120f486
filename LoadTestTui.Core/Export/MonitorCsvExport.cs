using System.Globalization;
using CsvHelper;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Core.Export;

/// <summary>The monitor's CSV: one flat row per sample, the same values as the JSON samples.</summary>
public static class MonitorCsvExport
{
    private static readonly string[] Columns =
    [
        "timestamp", "datetime", "elapsed", "status", "restarted", "restarts",
        "system_cpu_percent", "system_memory_total", "system_memory_available", "system_memory_used", "system_memory_percent",
        "disk_path", "disk_total", "disk_used", "disk_free", "disk_percent",
        "net_bytes_sent", "net_bytes_recv", "net_sent_per_s", "net_recv_per_s",
        "pid", "name", "process_status", "process_cpu_percent", "process_memory_percent", "rss_bytes",
        "threads", "handles", "connections", "connections_on_port",
    ];

    public static IReadOnlyList<string> Header() => Columns;

    /// <summary>The row for one sample; an absent or unavailable figure is an empty field.</summary>
    public static string[] ToRow(MonitorSampleJson sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var system = sample.System;
        var disk = system.Disk;
        var process = sample.Process;
        return
        [
            F(sample.Timestamp), sample.DateTime, F(sample.Elapsed), sample.Status, sample.Restarted ? "true" : "false", F(sample.Restarts),
            F(system.CpuPercent), F(system.Memory.Total), F(system.Memory.Available), F(system.Memory.Used), F(system.Memory.Percent),
            disk?.Path ?? "", F(disk?.Total), F(disk?.Used), F(disk?.Free), F(disk?.Percent),
            F(system.Network.BytesSent), F(system.Network.BytesReceived), F(system.Network.SentPerSecond), F(system.Network.ReceivedPerSecond),
            F(process?.Pid), process?.Name ?? "", process?.Status ?? "", F(process?.CpuPercent), F(process?.MemoryPercent), F(process?.ResidentBytes),
            F(process?.Threads), F(process?.Handles), F(process?.Connections), F(process?.ConnectionsOnPort),
        ];
    }

    /// <summary>Writes the header and one row per sample, atomically.</summary>
    public static Task<ExportResult> WriteAsync(string path, IEnumerable<MonitorSampleJson> samples, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, async stream =>
        {
            await using var csv = CsvWriter.Create(stream, null, leaveOpen: true);
            await csv.WriteRecordAsync(Columns, cancellationToken).ConfigureAwait(false);
            foreach (var sample in samples)
                await csv.WriteRecordAsync(ToRow(sample), cancellationToken).ConfigureAwait(false);
            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static string F(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string F(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
