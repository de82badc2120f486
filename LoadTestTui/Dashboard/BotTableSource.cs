using System.Collections.Immutable;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Text;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The Bots table over one snapshot's rows, virtualized: a tick costs the same at 50 bots and at
/// 19,000. Taking a snapshot's rows stores a reference; only the visible window is formatted
/// (<see cref="FormatWindow"/>), sanitizing every server-provided string on the way. Id order is
/// the snapshot's own order (no sort). Any other order is a <see cref="BotOrder"/>: made at once
/// when the user picks it, then, with <c>sortInBackground</c>, remade off the UI thread at most
/// once per <see cref="ResortInterval"/>. Between sorts the table shows fresh values in the
/// last order, with bots that joined since after the sorted ones.
/// </summary>
public sealed class BotTableSource(bool sortInBackground = false) : ITableSource
{
    public static readonly TimeSpan ResortInterval = TimeSpan.FromSeconds(1);

    private static readonly string[] BaseNames = ["Id", "Name", "State", "Sent", "Recv", "RTT ms", "Avg ms", "Reconn", "Last error"];
    private static readonly int ColumnCount = Enum.GetValues<BotColumn>().Length;

    private ImmutableArray<BotRow> _rows = [];
    private BotOrder? _order;
    private Task<BotOrder>? _sorting;
    private long _nextSortAt;
    private string[] _names = Names(BotColumn.Id, false);
    private string[][] _window = [];
    private int _windowStart;
    private int _windowCount;
    private bool _windowValid;

    public BotColumn SortColumn { get; private set; } = BotColumn.Id;

    public bool SortDescending { get; private set; }

    public string[] ColumnNames => _names;

    public int Columns => ColumnCount;

    public int Rows => _rows.Length;

    /// <summary>Cells formatted so far (tests check that a tick formats only what is visible).</summary>
    internal long CellsFormatted { get; private set; }

    /// <summary>The background sort in flight, if any (tests wait on it).</summary>
    internal Task? Sorting => _sorting;

    public object this[int row, int col] =>
        _windowValid && row >= _windowStart && row < _windowStart + _windowCount
            ? _window[row - _windowStart][col]
            : Format(RowAt(row), (BotColumn)col);

    /// <summary>The bot shown at display row <paramref name="row"/>, with its figures from the latest rows.</summary>
    public BotRow RowAt(int row)
    {
        if (_order is not { } order)
            return _rows[SortDescending ? _rows.Length - 1 - row : row];
        if (row >= order.Order.Length)
            return _rows[row]; // joined since the sort: after the sorted ones, in id order
        var i = order.Order[row];
        var sorted = order.Rows[i];
        // Rows keep their index from snapshot to snapshot (index = id - first id); a row that
        // moved or left shows as it was sorted until the next sort.
        return i < _rows.Length && _rows[i].Id == sorted.Id ? _rows[i] : sorted;
    }

    /// <summary>
    /// Takes a tick's rows (a reference: no per-bot work unless the order must be made now).
    /// Returns true when the display order changed (a new sort was applied), so a selection must be looked up again.
    /// </summary>
    public bool SetRows(ImmutableArray<BotRow> rows)
    {
        _rows = rows.IsDefault ? [] : rows;
        _windowValid = false;
        if (SortColumn == BotColumn.Id)
            return false;
        if (_sorting is { IsCompletedSuccessfully: true } done)
        {
            _sorting = null;
            var sorted = done.Result;
            if (sorted.Column == SortColumn && sorted.Descending == SortDescending)
            {
                _order = sorted;
                return true;
            }
        }
        if (_order is null || _order.Rows.Length == 0 || !sortInBackground)
        {
            _order = BotOrder.Sort(_rows, SortColumn, SortDescending);
            return true;
        }
        var now = Environment.TickCount64;
        if (_sorting is null && now >= _nextSortAt)
        {
            _nextSortAt = now + (long)ResortInterval.TotalMilliseconds;
            var (snapshot, column, descending) = (_rows, SortColumn, SortDescending);
            _sorting = Task.Run(() => BotOrder.Sort(snapshot, column, descending));
        }
        return false;
    }

    /// <summary>Sorts by the next column (wrapping round).</summary>
    public void CycleSortColumn() => SetSort((BotColumn)(((int)SortColumn + 1) % ColumnCount), SortDescending);

    public void SetSort(BotColumn column, bool descending)
    {
        SortColumn = column;
        SortDescending = descending;
        _names = Names(column, descending);
        _sorting = null; // a sort in flight is for the old order: its result is dropped
        _windowValid = false;
        // The user asked: sort now, once, so the new order shows at once.
        _order = column == BotColumn.Id ? null : BotOrder.Sort(_rows, column, descending);
    }

    public void ReverseSort() => SetSort(SortColumn, !SortDescending);

    /// <summary>Where the bot with <paramref name="id"/> is shown now, or -1 (a binary search, not a scan).</summary>
    public int IndexOfId(int id)
    {
        var i = Find(_rows, id);
        if (i < 0)
            return -1;
        if (_order is not { } order)
            return SortDescending ? _rows.Length - 1 - i : i;
        if (i >= order.Rows.Length)
            return i; // joined since the sort
        var sortedAt = order.Rows[i].Id == id ? i : Find(order.Rows, id);
        var row = sortedAt < 0 ? -1 : order.Position[sortedAt];
        return row < _rows.Length ? row : -1;
    }

    /// <summary>
    /// Formats display rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>
    /// (the visible ones) for the table to draw. Returns true when their text differs from the
    /// window formatted last time: only then does the table need drawing.
    /// </summary>
    public bool FormatWindow(int start, int count)
    {
        start = Math.Clamp(start, 0, _rows.Length);
        count = Math.Clamp(count, 0, _rows.Length - start);
        var changed = start != _windowStart || count != _windowCount;
        if (_window.Length < count)
        {
            Array.Resize(ref _window, count);
            changed = true;
        }
        for (var r = 0; r < count; r++)
        {
            var cells = _window[r] ??= new string[ColumnCount];
            var row = RowAt(start + r);
            for (var c = 0; c < ColumnCount; c++)
            {
                var text = Format(row, (BotColumn)c);
                if (!changed && !string.Equals(cells[c], text, StringComparison.Ordinal))
                    changed = true;
                cells[c] = text;
            }
        }
        _windowStart = start;
        _windowCount = count;
        _windowValid = true;
        return changed;
    }

    private static string[] Names(BotColumn column, bool descending)
    {
        var names = (string[])BaseNames.Clone();
        names[(int)column] += descending ? " ▼" : " ▲";
        return names;
    }

    /// <summary>Rows are in id order: binary search by id.</summary>
    private static int Find(ImmutableArray<BotRow> rows, int id)
    {
        var (lo, hi) = (0, rows.Length - 1);
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var at = rows[mid].Id;
            if (at == id)
                return mid;
            if (at < id)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        return -1;
    }

    private string Format(BotRow row, BotColumn column)
    {
        CellsFormatted++;
        return Cell(row, column);
    }

    private static string Cell(BotRow row, BotColumn column) => column switch
    {
        BotColumn.Id => row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BotColumn.Name => TerminalText.Sanitize(row.Name, 40),
        BotColumn.State => StateText(row.State),
        BotColumn.Sent => DashboardFormat.Int(row.MessagesSent),
        BotColumn.Received => DashboardFormat.Int(row.MessagesReceived),
        BotColumn.LastRtt => DashboardFormat.MsValue(row.LastRttMs),
        BotColumn.AvgRtt => DashboardFormat.MsValue(row.AvgRttMs),
        BotColumn.Reconnects => row.Reconnects.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => TerminalText.Sanitize(row.LastError, 120),
    };

    internal static string StateText(BotState state) => state switch
    {
        BotState.Idle => "idle",
        BotState.Connecting => "connecting",
        BotState.Registering => "registering",
        BotState.Online => "online",
        BotState.Reconnecting => "reconnecting",
        BotState.Stopping => "stopping",
        BotState.Stopped => "stopped",
        _ => "failed",
    };
}
