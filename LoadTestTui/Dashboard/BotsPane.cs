using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiAttribute = Terminal.Gui.Drawing.Attribute;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The Bots pane: one table row per bot, coloured by state, sortable. The selected bot and
/// its distance from the top of the view are kept across ticks, even when the sort moves it.
/// A tick formats only the visible rows and asks for a redraw only when their text, the
/// row count or the order changed, so an idle crowd of any size costs nothing to show.
/// </summary>
public sealed class BotsPane : FrameView
{
    private readonly Dictionary<BotState, Scheme> _schemes = [];
    private Scheme? _baseScheme;

    private int _shownRows = -1;

    /// <param name="sortInBackground">Remake a non-id order off the UI thread (see <see cref="BotTableSource"/>).</param>
    public BotsPane(bool sortInBackground = false)
    {
        Title = "Bots";
        Source = new BotTableSource(sortInBackground);
        Table = new TableView(Source)
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            FullRowSelect = true,
            MultiSelect = false,
            UseAllRowsForContentCalculation = false,
            CollectionNavigator = null, // letters are dashboard keys, not type-to-search
        };
        Table.Style.ExpandLastColumn = true;
        Table.Style.AlwaysShowHeaders = true;
        Table.Style.ShowHorizontalHeaderOverline = false;
        Table.Style.ShowHorizontalBottomLine = false;
        Table.Style.ShowVerticalCellLineForFirstColumn = false;
        Table.Style.ShowVerticalCellLineForLastColumn = false;
        Table.Style.RowColorGetter = args => SchemeFor(Source.RowAt(args.RowIndex).State);
        foreach (var col in new[] { BotColumn.Id, BotColumn.Sent, BotColumn.Received, BotColumn.LastRtt, BotColumn.AvgRtt, BotColumn.Reconnects })
            Table.Style.GetOrCreateColumnStyle((int)col).Alignment = Alignment.End;
        Table.Style.GetOrCreateColumnStyle((int)BotColumn.Name).MaxWidth = 24;
        Table.Style.GetOrCreateColumnStyle((int)BotColumn.LastError).MaxWidth = 60;
        Add(Table);
    }

    public TableView Table { get; }

    public BotTableSource Source { get; }

    /// <summary>Takes a tick's rows; asks for a redraw only when the visible rows, the row count or the order changed.</summary>
    public void Update(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var selected = Source.Rows > 0 ? Math.Clamp(Table.Value?.SelectedCell.Y ?? 0, 0, Source.Rows - 1) : -1;
        var selectedId = selected >= 0 ? Source.RowAt(selected).Id : -1;
        var fromTop = selected - Table.RowOffset;

        var reordered = Source.SetRows(snapshot.Bots);
        var resized = Source.Rows != _shownRows;
        if ((reordered || resized) && selectedId >= 0 && Source.Rows > 0)
        {
            var now = Source.IndexOfId(selectedId);
            if (now < 0)
                now = Math.Min(selected, Source.Rows - 1);
            if (now != selected)
            {
                Table.SetSelection(0, now, false, null!);
                Table.RowOffset = Math.Max(0, now - Math.Max(0, fromTop));
            }
        }
        // Table.Update always redraws the whole table: only when what it shows changed.
        var textChanged = Source.FormatWindow(Table.RowOffset, Table.Viewport.Height);
        if (!reordered && !resized && !textChanged)
            return;
        _shownRows = Source.Rows;
        Table.Update();
    }

    /// <summary>Sorts by the next column and shows the top of the new order.</summary>
    public void CycleSortColumn() => Resorted(Source.CycleSortColumn);

    /// <summary>Reverses the order and shows the top of it.</summary>
    public void ReverseSort() => Resorted(Source.ReverseSort);

    public void SetSort(BotColumn column, bool descending) => Resorted(() => Source.SetSort(column, descending));

    private void Resorted(Action change)
    {
        change();
        if (Source.Rows > 0)
            Table.SetSelection(0, 0, false, null!);
        Table.RowOffset = 0;
        Source.FormatWindow(0, Table.Viewport.Height);
        Table.Update();
    }

    private Scheme SchemeFor(BotState state)
    {
        var current = Table.GetScheme();
        if (!ReferenceEquals(current, _baseScheme))
        {
            _schemes.Clear();
            _baseScheme = current;
        }
        if (_schemes.TryGetValue(state, out var scheme))
            return scheme;
        ColorName16? fg = state switch
        {
            BotState.Online => ColorName16.BrightGreen,
            BotState.Connecting or BotState.Registering => ColorName16.BrightCyan,
            BotState.Reconnecting => ColorName16.BrightYellow,
            BotState.Failed => ColorName16.BrightRed,
            BotState.Stopping or BotState.Stopped => ColorName16.DarkGray,
            _ => null,
        };
        scheme = fg is { } color
            ? current with { Normal = new TuiAttribute(new Color(color), current.Normal.Background) }
            : current;
        _schemes[state] = scheme;
        return scheme;
    }
}
