using System.Drawing;
using System.Globalization;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The real dashboard (window, refresh ticker, Terminal.Gui main loop) on its own
/// <c>dashboard-ui</c> thread, drawing into memory instead of the terminal: what
/// <c>loadtest bench --phase dashboard</c> measures. Reads that thread's CPU time from /proc.
/// </summary>
internal sealed class HeadlessDashboard : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<int> _threadId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DashboardWindow? _window;

    private HeadlessDashboard(DashboardSettings settings, IDashboardActions actions, IObservable<EngineSnapshot> engineFeed,
        IObservable<MonitorSnapshot>? monitorFeed, Size screen)
    {
        var thread = new Thread(() =>
        {
            try
            {
                _threadId.TrySetResult(CurrentNativeThreadId());
                DashboardApp.Run(settings, actions, engineFeed, monitorFeed, _stop.Token, screen, window => Volatile.Write(ref _window, window));
                _done.TrySetResult();
            }
            catch (Exception ex)
            {
                _threadId.TrySetException(ex);
                _done.TrySetException(ex);
            }
        })
        {
            Name = "dashboard-ui",
            IsBackground = true,
        };
        thread.Start();
    }

    /// <summary>Starts the dashboard on a <paramref name="screen"/>-sized virtual screen.</summary>
    public static HeadlessDashboard Start(DashboardSettings settings, IDashboardActions actions, IObservable<EngineSnapshot> engineFeed,
        IObservable<MonitorSnapshot>? monitorFeed, Size screen)
    {
        // Terminal.Gui's drivers then draw into memory and never touch the terminal.
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        return new HeadlessDashboard(settings, actions, engineFeed, monitorFeed, screen);
    }

    /// <summary>The window's refreshes so far: a starved UI thread skips ticks, so the bench divides by these, not by the rate.</summary>
    public long Ticks => Volatile.Read(ref _window)?.Ticks ?? 0;

    /// <summary>The UI thread's kernel id (for /proc/self/task/TID).</summary>
    public Task<int> NativeThreadId => _threadId.Task;

    /// <summary>The UI thread's user plus kernel CPU time so far; null without /proc.</summary>
    public async Task<TimeSpan?> CpuTimeAsync()
    {
        var tid = await NativeThreadId.ConfigureAwait(false);
        try
        {
            return tid > 0 && ProcPidStat.TryParse(await File.ReadAllTextAsync($"/proc/self/task/{tid}/stat").ConfigureAwait(false), out var stat)
                ? stat.CpuTime
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _done.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>The calling thread's kernel id, from the /proc/thread-self link ("PID/task/TID"); 0 without /proc.</summary>
    private static int CurrentNativeThreadId()
    {
        var target = new FileInfo("/proc/thread-self").LinkTarget;
        var slash = target?.LastIndexOf('/') ?? -1;
        return slash >= 0 && int.TryParse(target![(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : 0;
    }
}
