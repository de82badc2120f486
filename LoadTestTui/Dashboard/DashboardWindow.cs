using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The whole dashboard: header, the five panes and the status bar. <see cref="Refresh"/> is
/// the one UI-thread update per tick; feeds only store their latest snapshot, and background
/// work (stop, export) reports through the event sink, drained by the next refresh.
/// </summary>
public sealed partial class DashboardWindow : Window
{
    /// <summary>Below this many rows the Log pane moves under the Bots table.</summary>
    private const int TallLayoutRows = 34;

    private readonly IApplication _app;
    private readonly DashboardSettings _settings;
    private readonly IDashboardActions _actions;
    private readonly HeaderView _header;
    private readonly BotsPane _bots;
    private readonly LatencyPane _latency;
    private readonly ThroughputPane _throughput;
    private readonly ServerPane _server;
    private readonly LogPane _log;
    private readonly LoadPane _load;
    private readonly CapacityLine _capacity;
    private readonly ThresholdsBar _thresholds;
    private readonly StatusBar _statusBar;
    private EngineSnapshot? _lastEngine;
    private MonitorSnapshot? _lastMonitor;
    private bool? _tallLayout;
    private bool _chatPaused;
    private bool _engineEndReported;
    private bool _monitorEndReported;
    private int _quitAfterStop;
    private int _stopping;
    private bool _autoStarted;
    private long _ticks;

    public DashboardWindow(IApplication app, DashboardSettings settings, IDashboardActions actions, bool monitored)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(actions);
        _app = app;
        _settings = settings;
        _actions = actions;
        Events = settings.Events ?? new DashboardEventSink(settings.Clock);
        EngineFeed = new LatestValue<EngineSnapshot>(snapshot => Events.PostAll(snapshot.Events));

        Title = "LoadTestTui";
        BorderStyle = LineStyle.None;

        _header = new HeaderView(settings.Target);
        _bots = new BotsPane(settings.SortBotsInBackground);
        _latency = new LatencyPane(settings.HistoryCapacity);
        _throughput = new ThroughputPane(settings.HistoryCapacity);
        _server = new ServerPane(monitored, settings.HistoryCapacity);
        _log = new LogPane(settings.LogCapacity);
        _load = new LoadPane(settings.HistoryCapacity);
        _capacity = new CapacityLine { Visible = settings.Capacity is not null };
        _thresholds = new ThresholdsBar { Visible = settings.Thresholds is not null };
        _statusBar = new StatusBar(DashboardKeys.All.Where(k => k.Label.Length > 0).Select(MakeShortcut));
        Add(_header, _capacity, _thresholds, _bots, _load, _latency, _throughput, _server, _log, _statusBar);
        ApplyLayout(tall: true);

        _app.Keyboard.KeyDown += OnAppKeyDown;
    }

    /// <summary>Where background work and the caller post lines for the Log pane.</summary>
    public DashboardEventSink Events { get; }

    /// <summary>The engine feed: the latest snapshot for the panes, and every snapshot's events for the Log pane.</summary>
    internal LatestValue<EngineSnapshot> EngineFeed { get; }

    internal LatestValue<MonitorSnapshot> MonitorFeed { get; } = new();

    /// <summary>The most recent stop or export running off the UI thread (for tests and shutdown).</summary>
    internal Task LastBackgroundTask { get; private set; } = Task.CompletedTask;

    /// <summary>Refreshes so far (read from any thread: the bench divides the UI thread's CPU by it).</summary>
    internal long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>True once the dashboard has asked the application to stop.</summary>
    public bool QuitRequested { get; private set; }

    internal BotsPane BotsPane => _bots;

    internal LogPane LogPane => _log;

    internal LoadPane LoadPane => _load;

    internal ThresholdsBar ThresholdsBar => _thresholds;

    internal CapacityLine CapacityLine => _capacity;

    /// <summary>One tick: applies the newest snapshots to every pane and drains the event sink. UI thread only.</summary>
    public void Refresh()
    {
        Interlocked.Increment(ref _ticks);
        var engine = EngineFeed.Value;
        if (engine is not null && !ReferenceEquals(engine, _lastEngine))
        {
            _lastEngine = engine;
            _chatPaused = engine.ChatPaused;
            _header.Update(engine);
            _bots.Update(engine);
            _latency.Update(engine);
            _throughput.Update(engine);
            _load.Update(engine);
        }
        if (_settings.Thresholds is { } thresholds)
            _thresholds.Update(thresholds());
        if (_settings.Capacity is { } capacity)
            _capacity.Update(capacity());

        var monitor = MonitorFeed.Value;
        if (monitor is not null && !ReferenceEquals(monitor, _lastMonitor))
        {
            _lastMonitor = monitor;
            _server.Update(monitor);
            if (monitor.Restarted && monitor.Process is { } process)
                Events.Warning($"server process restarted: {process.Name} now pid {process.Pid}");
        }

        if (_settings.AutoStart is { } request && !_autoStarted)
        {
            _autoStarted = true;
            Start(request);
        }

        ReportFeedEnd(EngineFeed, "engine", ref _engineEndReported);
        ReportFeedEnd(MonitorFeed, "monitor", ref _monitorEndReported);
        var events = new List<EngineEvent>();
        Events.Drain(events.Add);
        _log.AppendAll(events);

        if (Volatile.Read(ref _quitAfterStop) != 0 && ReferenceEquals(_app.TopRunnableView, this))
            RequestQuit();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _app.Keyboard.KeyDown -= OnAppKeyDown;
        base.Dispose(disposing);
    }

    private void ReportFeedEnd<T>(LatestValue<T> feed, string name, ref bool reported)
        where T : class
    {
        if (reported || !feed.Completed)
            return;
        reported = true;
        if (feed.Error is { } error)
            Events.Error($"{name} feed failed: {error.Message}");
        else
            Events.Info($"{name} feed ended");
    }
}
