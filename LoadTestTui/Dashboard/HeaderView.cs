using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>The top line: target, run state, elapsed, bots online/target, message rates, errors, and while ramping the effective ramp and what holds it back.</summary>
public sealed class HeaderView : Label
{
    private readonly string _target;

    public HeaderView(string target)
    {
        _target = TerminalText.Sanitize(target, 80);
        X = 0;
        Y = 0;
        Width = Dim.Fill();
        Height = 1;
        Text = Compose(null);
    }

    public void Update(EngineSnapshot? snapshot) => this.SetText(Compose(snapshot));

    internal string Compose(EngineSnapshot? s)
    {
        var target = _target.Length == 0 ? "" : $" {_target} │";
        if (s is null)
            return $"{target} waiting for the engine...";
        var paused = s.ChatPaused ? " │ chat paused" : "";
        // The stage comes right after the bots it explains, so a narrow terminal cuts the rates first.
        return $"{target} {s.State} │ {DashboardFormat.Duration(s.Elapsed)} │ online {DashboardFormat.Int(s.States.Online)}/{DashboardFormat.Int(s.TargetBots)}{Stage(s)}"
            + $" │ out {DashboardFormat.Rate(s.MessagesSentPerSecond)} in {DashboardFormat.Rate(s.MessagesReceivedPerSecond)}"
            + $" │ errors {DashboardFormat.Int(s.ErrorCount)}{paused}{Ramp(s)}";
    }

    private static string Ramp(EngineSnapshot s)
    {
        if (s.State != RunState.Ramping)
            return "";
        var limit = s.RampLimit.Length == 0 ? "" : $": {s.RampLimit}";
        return $" │ ramp {DashboardFormat.Rate(s.EffectiveRampPerSecond)} of {DashboardFormat.Rate(s.RampPerSecond)}{limit}";
    }

    /// <summary>" │ stage 2/4 → 300 bots, 12s left" while a plan is followed.</summary>
    private static string Stage(EngineSnapshot s)
    {
        if (s.Plan is not { } plan || s.PlanPoint is not { } point || s.State is not (RunState.Ramping or RunState.Running))
            return "";
        var stage = plan.Stages[point.StageIndex];
        return $" │ stage {point.StageIndex + 1}/{plan.Stages.Length} → {DashboardFormat.Int(stage.Target)} bots, {DashboardFormat.Duration(point.StageRemaining)} left"
            + (stage.Behaviour is { } b ? $" ({b})" : "");
    }
}
