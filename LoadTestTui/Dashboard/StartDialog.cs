using System.Globalization;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>Asks for bots, duration and ramp; invalid input keeps the dialog open and lists the problems.</summary>
public sealed class StartDialog : Dialog
{
    private readonly TextField _bots;
    private readonly TextField _duration;
    private readonly TextField _ramp;
    private readonly Label _errors;

    public StartDialog(int bots, double rampPerSecond)
    {
        Title = "Start a run";
        Width = Dim.Percent(80);
        var inv = CultureInfo.InvariantCulture;
        Add(new Label { Text = "Bots:", X = 1, Y = 0 });
        _bots = new TextField { Text = bots.ToString(inv), X = 26, Y = 0, Width = 14 };
        Add(new Label { Text = "Duration s (0 = unlimited):", X = 1, Y = 1 });
        _duration = new TextField { Text = "0", X = 30, Y = 1, Width = 10 };
        Add(new Label { Text = "Ramp (bots/s):", X = 1, Y = 2 });
        _ramp = new TextField { Text = rampPerSecond.ToString(inv), X = 26, Y = 2, Width = 14 };
        _errors = new Label { Text = "", X = 1, Y = 4, Width = Dim.Fill(1), Height = 3 };
        Add(_bots, _duration, _ramp, _errors);
        AddButton(new Button { Text = "Cancel" });
        AddButton(new Button { Text = "Start", IsDefault = true });
    }

    /// <summary>The accepted request, or null when cancelled.</summary>
    public StartRequest? Request { get; private set; }

    public string ErrorText => _errors.Text;

    protected override bool OnAccepting(CommandEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var request = StartRequest.Parse(_bots.Text, _duration.Text, _ramp.Text, out var problems);
        if (request is null)
        {
            _errors.Text = string.Join("\n", problems);
            args.Handled = true;
            return true;
        }
        Request = request;
        return base.OnAccepting(args);
    }
}
