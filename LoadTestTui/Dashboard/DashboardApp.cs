using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace LoadTestTui.Dashboard;

/// <summary>The dashboard's entry point for the CLI.</summary>
public static class DashboardApp
{
    /// <summary>
    /// Runs the dashboard until the user quits (exit code 0) or <paramref name="ct"/> is
    /// cancelled. The terminal UI runs on its own thread; the returned task completes after
    /// the refresh loop and the feed subscriptions are stopped and the terminal is restored.
    /// Returns 2 without touching the terminal when <see cref="TerminalGuard.Check"/> refuses.
    /// </summary>
    public static Task<int> RunAsync(
        DashboardSettings settings,
        IDashboardActions actions,
        IObservable<EngineSnapshot> engineFeed,
        IObservable<MonitorSnapshot>? monitorFeed,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(engineFeed);
        var problems = settings.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        if (TerminalGuard.Check() is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return Task.FromResult(2);
        }

        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(Run(settings, actions, engineFeed, monitorFeed, ct));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            Name = "dashboard-ui",
            IsBackground = false,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// Runs the dashboard on the calling thread until the user quits or <paramref name="ct"/> is
    /// cancelled. With <paramref name="screen"/>, the ANSI driver draws into memory at that size
    /// instead of the terminal (needs <c>DisableRealDriverIO=1</c>, see <see cref="HeadlessDashboard"/>).
    /// </summary>
    internal static int Run(
        DashboardSettings settings,
        IDashboardActions actions,
        IObservable<EngineSnapshot> engineFeed,
        IObservable<MonitorSnapshot>? monitorFeed,
        CancellationToken ct,
        System.Drawing.Size? screen = null,
        Action<DashboardWindow>? opened = null)
    {
        if (ct.IsCancellationRequested)
            return 0;
        using var app = screen is null ? Application.Create().Init() : Application.Create().Init(DriverRegistry.Names.ANSI);
        if (screen is { } size)
            app.Driver!.SetScreenSize(size.Width, size.Height);
        using var window = new DashboardWindow(app, settings, actions, monitored: monitorFeed is not null);
        opened?.Invoke(window);
        var engineSubscription = engineFeed.Subscribe(window.EngineFeed);
        var monitorSubscription = monitorFeed?.Subscribe(window.MonitorFeed);
        var ticker = new DashboardTicker(app, window.Refresh, TimeSpan.FromSeconds(1 / settings.RefreshRate),
            ex => window.Events.Error($"refresh failed: {ex.Message}"));
        try
        {
            using (ct.Register(() => app.Invoke(() => app.RequestStop())))
                app.Run(window);
        }
        finally
        {
            // Producers first: nothing may Invoke into a disposed application.
            ticker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            monitorSubscription?.Dispose();
            engineSubscription.Dispose();
        }
        return 0;
    }
}
