using System.Collections.ObjectModel;
using System.Globalization;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The Log pane: the engine's events and the dashboard's own, newest at the bottom, capped,
/// following the end. Lines arrive in batches (one per tick) and the list gets one new source
/// per batch: Terminal.Gui measures every line on each collection change, so appending one by
/// one during an event storm made each tick quadratic and froze the UI thread.
/// </summary>
public sealed class LogPane : FrameView
{
    private readonly List<string> _lines = [];
    private readonly int _capacity;

    public LogPane(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Title = "Log";
        _capacity = capacity;
        List = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), KeystrokeNavigator = null! };
        Add(List);
    }

    public ListView List { get; }

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Appends a tick's lines (engine events and the dashboard's own, both via the event sink).</summary>
    public void AppendAll(IReadOnlyCollection<EngineEvent> events)
    {
        if (events.Count == 0)
            return;
        foreach (var e in events)
            Add(e);
        if (_lines.Count > _capacity)
            _lines.RemoveRange(0, _lines.Count - _capacity);
        List.SetSource(new ObservableCollection<string>(_lines));
        FollowEnd();
    }

    private void Add(EngineEvent e)
    {
        var level = e.Level switch
        {
            EventLevel.Warning => "WARN ",
            EventLevel.Error => "ERROR",
            _ => "INFO ",
        };
        var time = e.Time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        _lines.Add($"{time} {level} {TerminalText.Sanitize(e.Message, 400)}");
    }

    private void FollowEnd()
    {
        if (_lines.Count > 0)
            List.MoveEnd();
    }
}
