using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>F1: every key the dashboard understands.</summary>
public sealed class HelpDialog : Dialog
{
    public HelpDialog()
    {
        Title = "Keys";
        Width = 62;
        var lines = DashboardKeys.All.Select(k => $"{k.Keys,-10} {k.Description}");
        Add(new Label { Text = string.Join("\n", lines), X = 1, Y = 0, Width = Dim.Fill(1), Height = DashboardKeys.All.Count + 1 });
        AddButton(new Button { Text = "Close", IsDefault = true });
    }
}
