using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using TuiAttribute = Terminal.Gui.Drawing.Attribute;

namespace LoadTestTui.Dashboard;

/// <summary>
/// Bots online (block bars, eighths of a row) against the target (a ─ line in its own colour)
/// over the newest samples that fit the width, both on one scale from zero to the largest
/// visible value, so a ramp that lags its plan shows as bars below the line. A new sample
/// redraws the chart only when it changes what is shown.
/// </summary>
public sealed class LoadChart : View
{
    private const string Blocks = "▁▂▃▄▅▆▇█";
    public const char TargetMark = '─';

    private string[]? _shown;

    public LoadChart(int historyCapacity)
    {
        Online = new HistoryRing(historyCapacity);
        Target = new HistoryRing(historyCapacity);
        CanFocus = false;
    }

    public HistoryRing Online { get; }

    public HistoryRing Target { get; }

    public void Push(double online, double target)
    {
        Online.Add(online);
        Target.Add(target);
        if (_shown is null || !_shown.AsSpan().SequenceEqual(Render(Viewport.Width, Viewport.Height)))
            SetNeedsDraw();
    }

    /// <summary>The chart as text rows, top first (what gets drawn); public for tests.</summary>
    public string[] Render(int width, int height)
    {
        if (width <= 0 || height <= 0)
            return [];
        var online = new double[width];
        var target = new double[width];
        Array.Fill(online, double.NaN);
        Array.Fill(target, double.NaN);
        Online.CopyLatest(online);
        Target.CopyLatest(target);
        var max = 1.0;
        for (var i = 0; i < width; i++)
            max = Math.Max(max, Math.Max(Valid(online[i]), Valid(target[i])));
        var grid = new char[height][];
        for (var row = 0; row < height; row++)
            grid[row] = new string(' ', width).ToCharArray();
        for (var x = 0; x < width; x++)
        {
            var bar = (int)Math.Round(Valid(online[x]) / max * height * 8);
            for (var level = 0; level < height; level++)
            {
                var fill = Math.Clamp(bar - (level * 8), 0, 8);
                if (fill > 0)
                    grid[height - 1 - level][x] = Blocks[fill - 1];
            }
            if (double.IsNaN(target[x]) || target[x] <= 0)
                continue;
            var mark = Math.Clamp((int)Math.Ceiling(target[x] / max * height) - 1, 0, height - 1);
            if (grid[height - 1 - mark][x] == ' ') // never hide a bar's top
                grid[height - 1 - mark][x] = TargetMark;
        }
        return [.. grid.Select(r => new string(r))];
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var rows = Render(Viewport.Width, Viewport.Height);
        _shown = rows;
        var normal = GetAttributeForRole(VisualRole.Normal);
        var online = new TuiAttribute(new Color(ColorName16.BrightGreen), normal.Background);
        var target = new TuiAttribute(new Color(ColorName16.BrightYellow), normal.Background);
        for (var y = 0; y < rows.Length; y++)
        {
            // One AddStr per run of cells in the same colour, not one per cell.
            var row = rows[y];
            for (var start = 0; start < row.Length;)
            {
                var isTarget = row[start] == TargetMark;
                var end = start + 1;
                while (end < row.Length && (row[end] == TargetMark) == isTarget)
                    end++;
                SetAttribute(isTarget ? target : online);
                AddStr(start, y, row[start..end]);
                start = end;
            }
        }
        return true;
    }

    private static double Valid(double value) => double.IsNaN(value) || double.IsInfinity(value) ? 0 : Math.Max(0, value);
}
