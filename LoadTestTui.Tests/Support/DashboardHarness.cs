using LoadTestTui.Dashboard;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Support;

/// <summary>A headless dashboard on a virtual screen: feed snapshots, tick, press keys, read the screen.</summary>
internal sealed class DashboardHarness : IDisposable
{
    private const int MaxDialogIterations = 200;
    private readonly SessionToken? _session;

    /// <summary>Terminal.Gui installs its own synchronization context on this thread; nothing runs its loop after the harness, so a test's later awaits would never continue.</summary>
    private readonly SynchronizationContext? _previousContext = SynchronizationContext.Current;

    public DashboardHarness(int width = 160, int height = 48, bool monitored = false, DashboardSettings? settings = null)
    {
        App = Application.Create(new VirtualTimeProvider()).Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
        Window = new DashboardWindow(App, settings ?? new DashboardSettings { Target = "127.0.0.1:9200", SortBotsInBackground = false }, Actions, monitored);
        _session = App.Begin(Window);
        Draw();
    }

    public IApplication App { get; }

    public DashboardWindow Window { get; }

    public RecordingActions Actions { get; } = new();

    public string Screen => App.Driver!.ToString() ?? "";

    /// <summary>True when a dialog script ran out and the harness had to close the dialog itself.</summary>
    public bool DialogLeftOpen { get; private set; }

    public void Feed(EngineSnapshot snapshot)
    {
        Window.EngineFeed.OnNext(snapshot);
        Tick();
    }

    public void Feed(MonitorSnapshot snapshot)
    {
        Window.MonitorFeed.OnNext(snapshot);
        Tick();
    }

    public void Tick()
    {
        Window.Refresh();
        Draw();
    }

    public void Draw() => App.LayoutAndDraw(true);

    public void Press(Key key)
    {
        App.InjectKey(key);
        Draw();
    }

    public void Resize(int width, int height)
    {
        App.Driver!.SetScreenSize(width, height);
        Draw();
    }

    /// <summary>Waits (bounded) for the stop or export the dashboard started off the UI thread, then ticks.</summary>
    public void CompleteBackgroundWork()
    {
        Assert.IsTrue(Window.LastBackgroundTask.Wait(TimeSpan.FromSeconds(10)), "background work did not finish");
        Tick();
    }

    /// <summary>
    /// Presses <paramref name="open"/> (which opens a modal dialog) and types <paramref name="keys"/>
    /// into the dialog, one per main-loop iteration. Returns the screen as last seen with the dialog open.
    /// </summary>
    public string PressWithDialog(Key open, params Key[] keys)
    {
        var script = new Queue<Key>(keys);
        var seen = "";
        var iterations = 0;
        DialogLeftOpen = false;

        void OnIteration(object? sender, EventArgs e)
        {
            if (ReferenceEquals(App.TopRunnableView, Window))
                return;
            iterations++;
            seen = App.Driver!.ToString() ?? "";
            if (script.Count > 0)
            {
                App.InjectKey(script.Dequeue());
            }
            else if (iterations > MaxDialogIterations)
            {
                App.RequestStop(App.TopRunnable);
            }
            else if (iterations > keys.Length + 5)
            {
                DialogLeftOpen = true;
                App.InjectKey(Key.Esc);
            }
        }

        App.Iteration += OnIteration;
        try
        {
            App.InjectKey(open);
        }
        finally
        {
            App.Iteration -= OnIteration;
        }
        Draw();
        return seen;
    }

    public static Key[] Type(string text) => [.. text.Select(c => new Key(c))];

    public void Dispose()
    {
        if (_session is not null)
            App.End(_session);
        Window.Dispose();
        App.Dispose();
        SynchronizationContext.SetSynchronizationContext(_previousContext);
    }
}
