using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>A one-field dialog (broadcast text, export path): Enter accepts, Esc cancels.</summary>
public sealed class TextPromptDialog : Dialog
{
    private readonly TextField _field;

    public TextPromptDialog(string title, string prompt, string initial, string acceptText)
    {
        Title = title;
        Width = Dim.Percent(80);
        Add(new Label { Text = prompt, X = 1, Y = 0 });
        _field = new TextField { Text = initial, X = 1, Y = 1, Width = Dim.Fill(1) };
        Add(_field);
        AddButton(new Button { Text = "Cancel" });
        AddButton(new Button { Text = acceptText, IsDefault = true });
    }

    public string Value => _field.Text;

    /// <summary>The text when the dialog was accepted, null when cancelled.</summary>
    public string? AcceptedText => Result == Buttons.Length - 1 ? _field.Text : null;
}
