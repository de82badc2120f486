using System.Globalization;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Text;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>The commands behind the keys: start, stop, scale, pause, broadcast, export, quit.</summary>
public sealed partial class DashboardWindow
{
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
        var dialog = new TextPromptDialog("Export", "JSON file (the CSV files and the HTML report are written beside it):", initial, "Export");
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
}
