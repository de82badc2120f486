using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>Key handling: maps keys and status-bar shortcuts to the commands of <see cref="DashboardKeys"/>.</summary>
public sealed partial class DashboardWindow
{
    private Shortcut MakeShortcut(DashboardKeys.Entry entry) =>
        new(Key.Empty, $"{entry.Keys.Replace(" / =", "", StringComparison.Ordinal)} {entry.Label}", () => HandleCommand(entry.Keys));

    private void OnAppKeyDown(object? sender, Key key)
    {
        // Keys belong to the dashboard only while no dialog is on top: typing in a dialog's
        // text field never triggers a dashboard command.
        if (key.Handled || !ReferenceEquals(_app.TopRunnableView, this))
            return;
        if (key == Key.Esc)
        {
            // Terminal.Gui's default quit key: on the dashboard it would end the app without
            // stopping the bots. Esc only cancels dialogs here; q (or Ctrl+C) quits.
            key.Handled = true;
            return;
        }
        var command = CommandFor(key);
        if (command is null)
            return;
        key.Handled = true;
        HandleCommand(command);
    }

    /// <summary>Maps a key press to the command's key text in <see cref="DashboardKeys"/>, or null.</summary>
    internal static string? CommandFor(Key key)
    {
        if (key == Key.F1)
            return "F1";
        if (key == Key.C.WithCtrl)
            return "q";
        if (key.IsCtrl || key.IsAlt)
            return null;
        var rune = key.AsRune.Value;
        return rune switch
        {
            's' or 'S' => "s",
            'x' or 'X' => "x",
            '+' or '=' => "+ / =",
            '-' => "-",
            ']' => "]",
            '[' => "[",
            'b' or 'B' => "b",
            'e' or 'E' => "e",
            'p' or 'P' => "p",
            'o' or 'O' => "o",
            'r' or 'R' => "r",
            'q' or 'Q' => "q",
            _ => null,
        };
    }

    private void HandleCommand(string command)
    {
        switch (command)
        {
            case "F1":
                RunDialog(new HelpDialog());
                break;
            case "s":
                StartRun();
                break;
            case "x":
                StopRun();
                break;
            case "+ / =":
                Scale(10);
                break;
            case "-":
                Scale(-10);
                break;
            case "]":
                Scale(100);
                break;
            case "[":
                Scale(-100);
                break;
            case "b":
                BroadcastMessage();
                break;
            case "e":
                ExportStats();
                break;
            case "p":
                TogglePause();
                break;
            case "o":
                _bots.CycleSortColumn();
                break;
            case "r":
                _bots.ReverseSort();
                break;
            case "q":
                Quit();
                break;
        }
    }
}
