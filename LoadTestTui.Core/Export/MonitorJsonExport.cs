using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Core.Export;

/// <summary>Turns monitor snapshots into the JSON document and writes it atomically.</summary>
public static class MonitorJsonExport
{
    // Relaxed escaping keeps "+09:00" and non-ASCII process names readable; the file is not HTML.
    private static readonly MonitorJsonContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// Builds the document. With an <paramref name="origin"/> (a run's start), "elapsed" is measured
    /// from it, so the server's samples share the bots' clock; otherwise from the sampler's start.
    /// </summary>
    public static MonitorDocument CreateDocument(MonitorOptions options, IReadOnlyList<MonitorSnapshot> snapshots, DateTimeOffset? origin = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(snapshots);
        var target = new MonitorTargetJson(options.Target.ProcessName, options.Target.Pid, options.Target.ListenPort, options.LoadTestPort);
        return new MonitorDocument(target, options.Interval.TotalSeconds, snapshots.Select(s => ToSample(s, origin)).ToList(), Summarize(snapshots));
    }

    /// <summary>One sample as it appears in the JSON and, flattened, in the CSV.</summary>
    public static MonitorSampleJson ToSample(MonitorSnapshot snapshot, DateTimeOffset? origin = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var system = snapshot.System;
        var elapsed = origin is { } start ? snapshot.Timestamp - start : snapshot.Elapsed;
        var process = snapshot.Process is { } p
            ? new ProcessJson(p.Pid, p.Name, p.Status, Round(p.CpuPercent), Round(p.MemoryPercent), p.ResidentBytes, p.Threads, p.Handles, p.Connections, p.ConnectionsOnPort)
            : null;
        return new MonitorSampleJson(
            snapshot.Timestamp.ToUnixTimeMilliseconds() / 1000.0,
            FormatDateTime(snapshot.Timestamp),
            Math.Round(elapsed.TotalSeconds, 3),
            snapshot.Status,
            snapshot.Restarted,
            snapshot.Restarts,
            new SystemJson(
                Round(system.CpuPercent),
                new MemoryJson(system.MemoryTotalBytes, system.MemoryAvailableBytes, system.MemoryUsedBytes, Round(system.MemoryPercent)),
                system.Disk is { } d ? new DiskJson(d.Path, d.TotalBytes, d.UsedBytes, d.FreeBytes, Round(d.Percent)) : null,
                new NetworkJson(system.NetworkBytesSent, system.NetworkBytesReceived, Round(system.NetworkSentPerSecond), Round(system.NetworkReceivedPerSecond))),
            process);
    }

    public static MonitorSummaryJson Summarize(IReadOnlyList<MonitorSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var processes = snapshots.Where(s => s.Process is not null).Select(s => s.Process!).ToList();
        return new MonitorSummaryJson(
            snapshots.Count,
            processes.Count,
            snapshots.Count == 0 ? 0 : snapshots[^1].Restarts,
            AvgMax(snapshots.Select(s => s.System.CpuPercent).ToList()) ?? new AvgMaxJson(0, 0),
            AvgMax(snapshots.Select(s => s.System.MemoryPercent).ToList()) ?? new AvgMaxJson(0, 0),
            AvgMax(processes.Select(p => p.CpuPercent).ToList()),
            AvgMax(processes.Select(p => p.MemoryPercent).ToList()),
            AvgMax(processes.Select(p => (double)p.ResidentBytes).ToList()));
    }

    public static string Serialize(MonitorDocument document) =>
        JsonSerializer.Serialize(document, Context.MonitorDocument);

    /// <summary>Writes the document atomically; a failure comes back as a one-line reason.</summary>
    public static Task<ExportResult> WriteAsync(string path, MonitorDocument document, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, stream => JsonSerializer.SerializeAsync(stream, document, Context.MonitorDocument, cancellationToken), cancellationToken);

    /// <summary>Local time with its offset, to the millisecond: "2025-06-06T14:30:15.123+09:00".</summary>
    public static string FormatDateTime(DateTimeOffset timestamp) =>
        timestamp.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static AvgMaxJson? AvgMax(List<double> values) =>
        values.Count == 0 ? null : new AvgMaxJson(Round(values.Average()), Round(values.Max()));

    private static double Round(double value) => Math.Round(value, 2);
}
