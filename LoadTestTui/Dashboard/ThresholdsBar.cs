using LoadTestTui.Core.Text;
using LoadTestTui.Core.Verdicts;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using TuiAttribute = Terminal.Gui.Drawing.Attribute;

namespace LoadTestTui.Dashboard;

/// <summary>One line: every threshold as judged now, green when it holds and red when it fails, with its measured value; redrawn only when that changes.</summary>
public sealed class ThresholdsBar : View
{
    private IReadOnlyList<ThresholdResult> _results = [];
    private IReadOnlyList<(string Text, bool? Passed)> _shown = [];

    public ThresholdsBar()
    {
        Height = 1;
        Width = Dim.Fill();
        CanFocus = false;
    }

    public void Update(IReadOnlyList<ThresholdResult> results)
    {
        _results = results;
        var segments = Segments();
        if (segments.SequenceEqual(_shown))
            return;
        _shown = segments;
        SetNeedsDraw();
    }

    /// <summary>The segments drawn, in order, with whether each passed (null: the caption); public for tests.</summary>
    public IReadOnlyList<(string Text, bool? Passed)> Segments()
    {
        var segments = new List<(string, bool?)> { (" thresholds:", null) };
        if (_results.Count == 0)
            segments.Add((" waiting for the run", null));
        foreach (var r in _results)
            segments.Add(($" {(r.Passed ? "✔" : "✘")} {TerminalText.Sanitize(r.Threshold.Text, 60)} ({r.MeasuredText})", r.Passed));
        return segments;
    }

    public string Render() => string.Concat(Segments().Select(s => s.Text));

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = GetAttributeForRole(VisualRole.Normal);
        var pass = new TuiAttribute(new Color(ColorName16.BrightGreen), normal.Background);
        var fail = new TuiAttribute(new Color(ColorName16.BrightRed), normal.Background);
        var x = 0;
        foreach (var (text, passed) in Segments())
        {
            if (x >= Viewport.Width)
                break;
            SetAttribute(passed switch { true => pass, false => fail, null => normal });
            var visible = text.Length > Viewport.Width - x ? text[..(Viewport.Width - x)] : text;
            AddStr(x, 0, visible);
            x += visible.Length;
        }
        return true;
    }
}
