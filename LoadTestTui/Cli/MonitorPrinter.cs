using System.Globalization;
using System.Text;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Text;

namespace LoadTestTui.Cli;

/// <summary>
/// Prints the monitor's block each interval, laid out like the original server_monitor.py.
/// While the target is absent it prints one line per change of state, not one per interval.
/// </summary>
internal sealed class MonitorPrinter(TextWriter output, int? loadTestPort = null)
{
    private string? _absentStatus;

    public void Print(MonitorSnapshot snapshot)
    {
        if (snapshot.Process is null && snapshot.Status != MonitorSampler.SystemOnly)
        {
            if (_absentStatus != snapshot.Status)
                output.WriteLine(FormatAbsent(snapshot));
            _absentStatus = snapshot.Status;
            return;
        }
        _absentStatus = null;
        output.Write(FormatBlock(snapshot, loadTestPort));
        output.Flush();
    }

    /// <summary>"Server process: ChattingServer.exe not found, waiting..." and its "exited" twin.</summary>
    public static string FormatAbsent(MonitorSnapshot snapshot)
    {
        var what = TargetLabel(snapshot.Target);
        return snapshot.Status == MonitorSampler.Exited
            ? $"Server process: {what} exited, waiting for it to come back..."
            : $"Server process: {what} not found, waiting...";
    }

    public static string FormatBlock(MonitorSnapshot snapshot, int? loadTestPort = null)
    {
        var c = CultureInfo.InvariantCulture;
        var s = snapshot.System;
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(c, $"Server monitor - {snapshot.Timestamp.ToLocalTime():yyyy-MM-dd'T'HH:mm:ss} (elapsed: {snapshot.Elapsed.TotalSeconds:0.0}s)");
        text.AppendLine(new string('=', 70));
        text.AppendLine(c, $"System CPU: {s.CpuPercent:0.0}%");
        text.AppendLine(c, $"System memory: {s.MemoryPercent:0.0}% ({Gb(s.MemoryUsedBytes, "0.0")}/{Gb(s.MemoryTotalBytes, "0.0")})");
        if (s.Disk is { } disk)
            text.AppendLine(c, $"Disk usage: {disk.Percent:0.0}% ({Gb(disk.UsedBytes, "0")}/{Gb(disk.TotalBytes, "0")})");
        text.AppendLine(c, $"Network: sent {Mb(s.NetworkBytesSent)}, received {Mb(s.NetworkBytesReceived)} ({Kb(s.NetworkSentPerSecond)}/s out, {Kb(s.NetworkReceivedPerSecond)}/s in)");
        if (snapshot.Process is not { } p)
            return text.ToString();

        var name = TerminalText.Sanitize(p.Name, 64);
        var matches = snapshot.Matches > 1 ? $"; {snapshot.Matches} matched, watching the oldest" : "";
        text.AppendLine();
        text.AppendLine(c, $"Server process ({name}, pid {p.Pid}{matches}):");
        text.AppendLine(c, $"  CPU: {p.CpuPercent:0.0}%");
        text.AppendLine(c, $"  Memory: {p.MemoryPercent:0.0}% ({p.ResidentBytes / (1024.0 * 1024):0}MB)");
        text.AppendLine(c, $"  Threads: {p.Threads}");
        text.AppendLine(c, $"  Handles: {Or(p.Handles)}");
        var onPort = p.ConnectionsOnPort is { } n && loadTestPort is { } port ? $" ({n} on port {port})" : "";
        text.AppendLine(c, $"  Connections: {Or(p.Connections)}{onPort}");
        var restart = snapshot.Restarted ? $" (restarted, restart #{snapshot.Restarts})" : "";
        text.AppendLine(c, $"  Status: {p.Status}{restart}");
        return text.ToString();
    }

    private static string TargetLabel(MonitorTarget target) =>
        target.ProcessName is { } name ? TerminalText.Sanitize(name, 64)
        : target.Pid is { } pid ? $"pid {pid}"
        : target.ListenPort is { } port ? $"listener on port {port}"
        : "(none)";

    private static string Or(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    private static string Gb(long bytes, string format) =>
        (bytes / (1024.0 * 1024 * 1024)).ToString(format, CultureInfo.InvariantCulture) + "GB";

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + "MB";

    private static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + "KB";
}
