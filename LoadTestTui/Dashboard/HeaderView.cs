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

    public void Update(EngineSnapshot? snapshot) => Text = Compose(snapshot);

    internal string Compose(EngineSnapshot? s)
    {
        var target = _target.Length == 0 ? "" : $" {_target} │";
        if (s is null)
            return $"{target} waiting for the engine...";
        var paused = s.ChatPaused ? " │ chat paused" : "";
        return $"{target} {s.State} │ {DashboardFormat.Duration(s.Elapsed)} │ online {DashboardFormat.Int(s.States.Online)}/{DashboardFormat.Int(s.TargetBots)}"
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
}
