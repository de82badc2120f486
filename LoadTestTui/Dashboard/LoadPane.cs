using LoadTestTui.Core.Engine;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>The Load pane: bots online against the target over time (the plan's shape, and how well the run follows it).</summary>
public sealed class LoadPane : FrameView
{
    public const int ContentRows = 3;

    public LoadPane(int historyCapacity)
    {
        Title = "Load: online ▇ vs target ─";
        Chart = new LoadChart(historyCapacity) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
        Add(Chart);
    }

    public LoadChart Chart { get; }

    public void Update(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var active = snapshot.State is RunState.Ramping or RunState.Running or RunState.Stopping;
        Chart.Push(snapshot.States.Online, active ? snapshot.TargetBots : double.NaN);
        this.SetTitle($"Load: online ▇ {DashboardFormat.Int(snapshot.States.Online)} vs target ─ {DashboardFormat.Int(snapshot.TargetBots)}");
    }
}
