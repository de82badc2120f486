using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>One line: a capacity search's state, its best count so far, and its answer once done.</summary>
public sealed class CapacityLine : Label
{
    public CapacityLine()
    {
        Height = 1;
        Width = Dim.Fill();
        Text = " capacity: starting";
    }

    public void Update(CapacityStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var steps = status.Steps.Count == 0 ? "" : $" │ step {status.Steps.Count}: {status.Steps[^1].Bots:N0} {(status.Steps[^1].Passed ? "pass" : "fail")}";
        this.SetText(TerminalText.Sanitize($" {status}{steps}", 300));
    }
}
