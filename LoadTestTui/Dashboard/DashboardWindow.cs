using System.Globalization;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Text;
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
public sealed class DashboardWindow : Window
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
        _bots = new BotsPane();
        _latency = new LatencyPane(settings.HistoryCapacity);
        _throughput = new ThroughputPane(settings.HistoryCapacity);
        _server = new ServerPane(monitored, settings.HistoryCapacity);
        _log = new LogPane(settings.LogCapacity);
        _statusBar = new StatusBar(DashboardKeys.All.Where(k => k.Label.Length > 0).Select(MakeShortcut));
        Add(_header, _bots, _latency, _throughput, _server, _log, _statusBar);
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

    /// <summary>True once the dashboard has asked the application to stop.</summary>
    public bool QuitRequested { get; private set; }

    internal BotsPane BotsPane => _bots;

    internal LogPane LogPane => _log;

    /// <summary>One tick: applies the newest snapshots to every pane and drains the event sink. UI thread only.</summary>
    public void Refresh()
    {
        var engine = EngineFeed.Value;
        if (engine is not null && !ReferenceEquals(engine, _lastEngine))
        {
            _lastEngine = engine;
            _chatPaused = engine.ChatPaused;
            _header.Update(engine);
            _bots.Update(engine);
            _latency.Update(engine);
            _throughput.Update(engine);
        }

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

    protected override void OnSubViewLayout(LayoutEventArgs args)
    {
        ApplyLayout(Viewport.Height >= TallLayoutRows);
        base.OnSubViewLayout(args);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _app.Keyboard.KeyDown -= OnAppKeyDown;
        base.Dispose(disposing);
    }

    /// <summary>
    /// Tall: Bots on the left, Latency/Throughput/Server/Log stacked on the right. Short: the
    /// Log pane moves under the Bots table so the right column keeps its sparklines.
    /// </summary>
    private void ApplyLayout(bool tall)
    {
        if (_tallLayout == tall)
            return;
        _tallLayout = tall;

        _bots.X = 0;
        _bots.Y = 1;
        _bots.Width = Dim.Percent(55);

        _latency.X = Pos.Right(_bots);
        _latency.Y = 1;
        _latency.Width = Dim.Fill();
        _latency.Height = LatencyPane.ContentRows + 2;

        _throughput.X = Pos.Right(_bots);
        _throughput.Y = Pos.Bottom(_latency);
        _throughput.Width = Dim.Fill();
        _throughput.Height = ThroughputPane.ContentRows + 2;

        _server.X = Pos.Right(_bots);
        _server.Y = Pos.Bottom(_throughput);
        _server.Width = Dim.Fill();

        if (tall)
        {
            _bots.Height = Dim.Fill(1);
            _server.Height = ServerPane.ContentRows + 2;
            _log.X = Pos.Right(_bots);
            _log.Y = Pos.Bottom(_server);
            _log.Width = Dim.Fill();
            _log.Height = Dim.Fill(1);
        }
        else
        {
            _bots.Height = Dim.Percent(60);
            _server.Height = Dim.Fill(1);
            _log.X = 0;
            _log.Y = Pos.Bottom(_bots);
            _log.Width = Dim.Width(_bots);
            _log.Height = Dim.Fill(1);
        }
    }

    private Shortcut MakeShortcut(DashboardKeys.Entry entry) =>
        new(Key.Empty, $"{entry.Keys.Replace(" / =", "", StringComparison.Ordinal)} {entry.Label}", () => HandleCommand(entry.Keys));

    private void OnAppKeyDown(object? sender, Key key)
    {
        // Keys belong to the dashboard only while no dialog is on top: typing in a dialog's
        // text field never triggers a dashboard command.
        if (key.Handled || !ReferenceEquals(_app.TopRunnableView, this))
            return;
        if (key == Key.Esc)
        {
            // Terminal.Gui's default quit key: on the dashboard it would end the app without
            // stopping the bots. Esc only cancels dialogs here; q (or Ctrl+C) quits.
            key.Handled = true;
            return;
        }
        var command = CommandFor(key);
        if (command is null)
            return;
        key.Handled = true;
        HandleCommand(command);
    }

    /// <summary>Maps a key press to the command's key text in <see cref="DashboardKeys"/>, or null.</summary>
    internal static string? CommandFor(Key key)
    {
        if (key == Key.F1)
            return "F1";
        if (key == Key.C.WithCtrl)
            return "q";
        if (key.IsCtrl || key.IsAlt)
            return null;
        var rune = key.AsRune.Value;
        return rune switch
        {
            's' or 'S' => "s",
            'x' or 'X' => "x",
            '+' or '=' => "+ / =",
            '-' => "-",
            ']' => "]",
            '[' => "[",
            'b' or 'B' => "b",
            'e' or 'E' => "e",
            'p' or 'P' => "p",
            'a' or 'A' => "a",
            'o' or 'O' => "o",
            'r' or 'R' => "r",
            'q' or 'Q' => "q",
            _ => null,
        };
    }

    private void HandleCommand(string command)
    {
        switch (command)
        {
            case "F1":
                RunDialog(new HelpDialog());
                break;
            case "s":
                StartRun();
                break;
            case "x":
                StopRun();
                break;
            case "+ / =":
                Scale(10);
                break;
            case "-":
                Scale(-10);
                break;
            case "]":
                Scale(100);
                break;
            case "[":
                Scale(-100);
                break;
            case "b":
                BroadcastMessage();
                break;
            case "e":
                ExportStats();
                break;
            case "p":
                TogglePause();
                break;
            case "a":
                RunDialog(new AgentsDialog(() => _lastEngine));
                break;
            case "o":
                _bots.CycleSortColumn();
                break;
            case "r":
                _bots.ReverseSort();
                break;
            case "q":
                Quit();
                break;
        }
    }

    private bool BotsRunning => _lastEngine?.State is RunState.Ramping or RunState.Running;

    private void StartRun()
    {
        if (BotsRunning || _lastEngine?.State == RunState.Stopping)
        {
            Events.Warning("a run is in progress: stop it first (x)");
            return;
        }
        var dialog = new StartDialog(_settings.DefaultBots, _settings.DefaultRampPerSecond);
        RunDialog(dialog);
        if (dialog.Request is { } request)
            Start(request);
    }

    private void Start(StartRequest r)
    {
        var duration = r.Duration is { } d ? DashboardFormat.Duration(d) : "unlimited";
        Try("start", () =>
        {
            _actions.Start(r.Bots, r.Duration, r.RampPerSecond);
            Events.Info(string.Create(CultureInfo.InvariantCulture, $"starting {r.Bots} bots at {r.RampPerSecond}/s for {duration}"));
        });
    }

    private void StopRun()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
            return;
        Events.Info("stopping the run...");
        LastBackgroundTask = Task.Run(async () =>
        {
            try
            {
                await _actions.StopAsync().ConfigureAwait(false);
                Events.Info("run stopped");
            }
            catch (Exception ex)
            {
                Events.Error($"stop failed: {ex.Message}");
            }
            finally
            {
                Volatile.Write(ref _stopping, 0);
            }
        });
    }

    private void Scale(int delta) => Try("scale", () =>
    {
        _actions.ScaleBy(delta);
        Events.Info(string.Create(CultureInfo.InvariantCulture, $"scale {delta:+0;-0} bots"));
    });

    private void TogglePause() => Try("pause", () =>
    {
        var paused = !_chatPaused;
        _actions.SetChatPaused(paused);
        _chatPaused = paused;
        Events.Info(paused ? "chat paused" : "chat resumed");
    });

    private void BroadcastMessage()
    {
        var dialog = new TextPromptDialog("Broadcast", "Message to send through every online bot:", "", "Send");
        RunDialog(dialog);
        var text = dialog.AcceptedText;
        if (string.IsNullOrEmpty(text))
            return;
        Try("broadcast", () =>
        {
            var sent = _actions.Broadcast(text);
            Events.Info(string.Create(CultureInfo.InvariantCulture, $"broadcast sent by {sent} bots: {TerminalText.Sanitize(text, 80)}"));
        });
    }

    private void ExportStats()
    {
        var name = Core.Export.RunExporter.DefaultFileName(_settings.Clock.GetLocalNow().DateTime);
        var initial = _settings.ExportDirectory is { } dir ? Path.Combine(dir, name) : name;
        var dialog = new TextPromptDialog("Export", "JSON file (CSV files are written beside it):", initial, "Export");
        RunDialog(dialog);
        var path = dialog.AcceptedText?.Trim();
        if (string.IsNullOrEmpty(path))
            return;
        Events.Info($"exporting to {path}...");
        LastBackgroundTask = Task.Run(async () =>
        {
            try
            {
                var results = await _actions.ExportAsync(path).ConfigureAwait(false);
                foreach (var result in results)
                    Events.Post(result.Success ? EventLevel.Info : EventLevel.Error, result.ToString());
            }
            catch (Exception ex)
            {
                Events.Error($"export failed: {ex.Message}");
            }
        });
    }

    private void Quit()
    {
        if (!BotsRunning || Volatile.Read(ref _quitAfterStop) != 0 || Volatile.Read(ref _stopping) != 0)
        {
            RequestQuit();
            return;
        }
        var dialog = new ConfirmQuitDialog();
        RunDialog(dialog);
        if (!dialog.Confirmed)
            return;
        Interlocked.Exchange(ref _stopping, 1);
        Events.Info("stopping the bots, then quitting (q again quits at once)...");
        LastBackgroundTask = Task.Run(async () =>
        {
            try
            {
                await _actions.StopAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Events.Error($"stop failed: {ex.Message}");
            }
            finally
            {
                Volatile.Write(ref _quitAfterStop, 1); // the next refresh ends the application
            }
        });
    }

    private void RequestQuit()
    {
        QuitRequested = true;
        _app.RequestStop(this);
    }

    private void RunDialog(Dialog dialog)
    {
        try
        {
            _app.Run(dialog);
        }
        finally
        {
            dialog.Dispose();
        }
    }

    private void Try(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            Events.Error($"{what} failed: {ex.Message}");
        }
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
