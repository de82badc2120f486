using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>"Bots are running: stop them and quit?" - y or Enter confirms, n or Esc cancels.</summary>
public sealed class ConfirmQuitDialog : Dialog
{
    public ConfirmQuitDialog()
    {
        Title = "Quit";
        Width = 54;
        Add(new Label { Text = "Bots are running. Stop them and quit?", X = 1, Y = 0 });
        Add(new Label { Text = "y / Enter = stop and quit    n / Esc = cancel", X = 1, Y = 1 });
        AddButton(new Button { Text = "No" });
        AddButton(new Button { Text = "Yes", IsDefault = true });
    }

    public bool Confirmed => Result == 1;

    protected override bool OnKeyDown(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key.Y || key == Key.Y.WithShift)
        {
            Result = 1;
            RequestStop();
            return true;
        }
        if (key == Key.N || key == Key.N.WithShift)
        {
            Result = null;
            RequestStop();
            return true;
        }
        return base.OnKeyDown(key);
    }
}
