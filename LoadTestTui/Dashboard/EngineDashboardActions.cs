using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Reports;
using LoadTestTui.Core.Plans;

namespace LoadTestTui.Dashboard;

/// <summary>The dashboard's actions in production: the engine's commands and the exporters.</summary>
internal sealed class EngineDashboardActions(ILoadEngine engine, DashboardEventSink events, RunArtifacts artifacts, LoadPlan? plan = null) : IDashboardActions
{
    /// <summary>With a load plan, every start follows it (the dialog's bots and duration give way to the plan's stages).</summary>
    public void Start(int bots, TimeSpan? duration, double rampPerSecond)
    {
        try
        {
            if (plan is not null)
            {
                engine.Start(plan, rampPerSecond);
                events.Info($"following the plan: {plan}");
            }
            else
                engine.Start(bots, duration, rampPerSecond);
        }
        catch (InvalidOperationException ex)
        {
            events.Warning($"cannot start: {ex.Message}");
        }
    }

    public Task StopAsync() => engine.StopAsync();

    public void ScaleBy(int delta)
    {
        var latest = engine.Latest;
        if (latest.State is not (RunState.Ramping or RunState.Running))
        {
            events.Info("no run to scale: press s to start one");
            return;
        }
        engine.ScaleTo(Math.Max(0, latest.TargetBots + delta));
    }

    public int Broadcast(string text) => engine.Broadcast(text);

    public void SetChatPaused(bool paused) => engine.SetChatPaused(paused);

    /// <summary>The snapshot is taken off the UI thread: a cluster's controller first asks every agent for all its rows.</summary>
    public async Task<IReadOnlyList<ExportResult>> ExportAsync(string jsonPath)
    {
        var snapshot = await Task.Run(engine.SnapshotNow).ConfigureAwait(false);
        return await artifacts.WriteBesideAsync(jsonPath, snapshot).ConfigureAwait(false);
    }
}
