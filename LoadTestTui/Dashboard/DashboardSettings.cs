using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Dashboard;

/// <summary>How the dashboard looks and refreshes. Immutable; <see cref="Validate"/> lists every problem.</summary>
public sealed record DashboardSettings
{
    public static DashboardSettings Default { get; } = new();

    /// <summary>What is being load-tested, shown in the header (e.g. "127.0.0.1:9200").</summary>
    public string Target { get; init; } = "";

    /// <summary>Screen refreshes per second (one UI-thread update per tick).</summary>
    public double RefreshRate { get; init; } = 4;

    /// <summary>How many samples each sparkline keeps (at 4 Hz, 1200 samples are five minutes).</summary>
    public int HistoryCapacity { get; init; } = 1200;

    /// <summary>How many lines the Log pane keeps.</summary>
    public int LogCapacity { get; init; } = 500;

    /// <summary>
    /// Remake a Bots table order other than id off the UI thread, at most once a second (the
    /// default); false sorts every tick on the UI thread, which only tests want (the new order
    /// shows on the same tick).
    /// </summary>
    public bool SortBotsInBackground { get; init; } = true;

    /// <summary>Prefilled values of the start dialog.</summary>
    public int DefaultBots { get; init; } = 100;

    public double DefaultRampPerSecond { get; init; } = 100;

    /// <summary>A run to start on the first tick, through the same path as the start dialog (--bots N, demo).</summary>
    public StartRequest? AutoStart { get; init; }

    /// <summary>Folder the export dialog proposes; null means the current folder (a bare file name).</summary>
    public string? ExportDirectory { get; init; }

    /// <summary>Clock for the export file name and the dashboard's own log lines.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Where the caller (and the dashboard's background work) can post lines for the Log pane.
    /// Thread-safe; drained on every tick. Null: the dashboard makes its own.
    /// </summary>
    public DashboardEventSink? Events { get; init; }

    /// <summary>The thresholds as judged live (null: none were given); read on the UI thread each tick, so it must only return a reference.</summary>
    public Func<IReadOnlyList<ThresholdResult>>? Thresholds { get; init; }

    /// <summary>A capacity search's progress (null: no search); read like <see cref="Thresholds"/>.</summary>
    public Func<CapacityStatus>? Capacity { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (double.IsNaN(RefreshRate) || RefreshRate < 1 || RefreshRate > 30)
            problems.Add($"--refresh must be between 1 and 30 per second (got {RefreshRate}).");
        if (HistoryCapacity < 10)
            problems.Add("history capacity must be at least 10 samples.");
        if (LogCapacity < 10)
            problems.Add("log capacity must be at least 10 lines.");
        return problems;
    }
}
