using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>One line of a pane: a caption, a sparkline filling the middle, and the current value on the right.</summary>
public sealed class SparkRow : View
{
    private readonly Label _value;

    public SparkRow(string caption, int historyCapacity, int captionWidth = 10, int valueWidth = 11)
    {
        Height = 1;
        Width = Dim.Fill();
        CanFocus = false;
        var label = new Label { Text = caption, X = 0, Y = 0, Width = captionWidth, Height = 1 };
        _value = new Label { Text = "-", X = Pos.AnchorEnd(valueWidth), Y = 0, Width = valueWidth, Height = 1, TextAlignment = Alignment.End };
        Spark = new Sparkline(new HistoryRing(historyCapacity)) { X = captionWidth, Y = 0, Width = Dim.Fill(valueWidth + 1) };
        Add(label, Spark, _value);
    }

    public Sparkline Spark { get; }

    /// <summary>Adds one sample and shows <paramref name="text"/> as the current value; only what changed is redrawn.</summary>
    public void Push(double sample, string text)
    {
        Spark.Push(sample);
        _value.SetText(text);
    }
}
