using Terminal.Gui.App;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The refresh loop: a background <see cref="PeriodicTimer"/> posts one <c>Invoke</c> per tick,
/// and never a second one while the first is still waiting for the UI thread.
/// Dispose it before the application: an Invoke after the application is gone throws.
/// </summary>
internal sealed class DashboardTicker : IAsyncDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;
    private int _pending;

    public DashboardTicker(IApplication app, Action tick, TimeSpan period, Action<Exception> onError)
    {
        _loop = Task.Run(() => LoopAsync(app, tick, period, onError, _cts.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // expected on shutdown
        }
        _cts.Dispose();
    }

    private async Task LoopAsync(IApplication app, Action tick, TimeSpan period, Action<Exception> onError, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (Interlocked.Exchange(ref _pending, 1) != 0)
                continue; // the UI thread is behind: skip a tick rather than pile up work
            app.Invoke(() =>
            {
                try
                {
                    tick();
                }
                catch (Exception ex)
                {
                    onError(ex);
                }
                finally
                {
                    Volatile.Write(ref _pending, 0);
                }
            });
        }
    }
}
