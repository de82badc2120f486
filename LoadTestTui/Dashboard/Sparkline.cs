using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace LoadTestTui.Dashboard;

/// <summary>
/// One row of block characters (▁▂▃▄▅▆▇█) over the newest samples of a <see cref="HistoryRing"/>
/// that fit the width, scaled from zero to the largest visible sample. Unknown samples (NaN) are blank.
/// A new sample redraws the line only when it changes what is shown (a flat line stays as it is).
/// </summary>
public sealed class Sparkline : View
{
    private const string Blocks = "▁▂▃▄▅▆▇█";
    private double[] _window = [];
    private string? _shown;

    public Sparkline(HistoryRing history)
    {
        History = history;
        Height = 1;
        CanFocus = false;
    }

    public HistoryRing History { get; }

    /// <summary>Adds a sample; asks for a redraw only when the visible line differs from the one drawn.</summary>
    public void Push(double sample)
    {
        History.Add(sample);
        if (_shown is null || !string.Equals(_shown, Render(Viewport.Width), StringComparison.Ordinal))
            SetNeedsDraw();
    }

    /// <summary>The visible samples as text, oldest first (what gets drawn); public for tests.</summary>
    public string Render(int width)
    {
        if (width <= 0)
            return "";
        if (_window.Length != width)
            _window = new double[width];
        var span = _window.AsSpan();
        span.Fill(double.NaN);
        var n = History.CopyLatest(span);
        var max = 0.0;
        foreach (var v in span[^n..])
        {
            if (!double.IsNaN(v) && v > max)
                max = v;
        }
        return string.Create(width, (Values: _window, Max: max, Pad: width - n), static (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var v = state.Values[i];
                if (i < state.Pad || double.IsNaN(v) || double.IsInfinity(v))
                {
                    chars[i] = ' ';
                    continue;
                }
                var level = state.Max <= 0 ? 0 : (int)Math.Round(Math.Clamp(v / state.Max, 0, 1) * (Blocks.Length - 1));
                chars[i] = Blocks[level];
            }
        });
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        if (width <= 0 || Viewport.Height <= 0)
            return true;
        SetAttributeForRole(VisualRole.Normal);
        _shown = Render(width);
        AddStr(0, 0, _shown);
        return true;
    }
}
