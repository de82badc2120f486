using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>The Server pane: the monitored process's CPU and memory, threads, connections, status, and the machine's CPU and memory.</summary>
public sealed class ServerPane : FrameView
{
    public const int ContentRows = 5;

    private readonly bool _monitored;
    private readonly Label _status;
    private readonly SparkRow _cpu;
    private readonly SparkRow _memory;
    private readonly Label _process;
    private readonly Label _system;

    public ServerPane(bool monitored, int historyCapacity)
    {
        Title = "Server";
        _monitored = monitored;
        _status = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _cpu = new SparkRow("cpu", historyCapacity) { Y = 1 };
        _memory = new SparkRow("memory", historyCapacity) { Y = 2 };
        _process = new Label { X = 0, Y = 3, Width = Dim.Fill(), Height = 1, Text = "" };
        _system = new Label { X = 0, Y = 4, Width = Dim.Fill(), Height = 1, Text = "" };
        Add(_status, _cpu, _memory, _process, _system);
        _status.Text = monitored ? "waiting for the first sample..." : "not monitored (no server process given)";
        _cpu.Visible = _memory.Visible = monitored;
    }

    /// <summary>Shows a sample; null means none has arrived yet.</summary>
    public void Update(MonitorSnapshot? snapshot)
    {
        if (!_monitored || snapshot is null)
            return;

        var target = TerminalText.Sanitize(snapshot.Target.ToString(), 60);
        var p = snapshot.Process;
        if (p is null)
        {
            var status = TerminalText.Sanitize(snapshot.Status, 40);
            _status.SetText($"{target}: {(status.Length == 0 ? "not found" : status)}, waiting...");
            _cpu.Push(double.NaN, "-");
            _memory.Push(double.NaN, "-");
            _process.SetText("");
        }
        else
        {
            var restarts = snapshot.Restarts > 0 ? $" │ restarts {snapshot.Restarts}" : "";
            _status.SetText($"{TerminalText.Sanitize(p.Name, 40)} (pid {p.Pid}) {TerminalText.Sanitize(p.Status, 20)}{restarts}");
            _cpu.Push(p.CpuPercent, DashboardFormat.Percent(p.CpuPercent));
            _memory.Push(p.ResidentBytes, DashboardFormat.Bytes(p.ResidentBytes));
            var connections = p.Connections is { } c ? DashboardFormat.Int(c) : "-";
            var onPort = p.ConnectionsOnPort is { } op ? $" (port {DashboardFormat.Int(op)})" : "";
            var handles = p.Handles is { } h ? $" │ handles {DashboardFormat.Int(h)}" : "";
            _process.SetText($"threads {p.Threads} │ conns {connections}{onPort}{handles} │ mem {DashboardFormat.Percent(p.MemoryPercent)}");
        }

        var s = snapshot.System;
        _system.SetText($"system cpu {DashboardFormat.Percent(s.CpuPercent)} │ mem {DashboardFormat.Percent(s.MemoryPercent)}"
            + $" ({DashboardFormat.Bytes(s.MemoryUsedBytes)} / {DashboardFormat.Bytes(s.MemoryTotalBytes)})");
    }
}
