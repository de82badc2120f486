using System.Collections.Immutable;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Text;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>
/// The Bots table over one snapshot's rows. Sorting builds an index array once per update;
/// the indexer only formats the cells the table asks for (the visible ones), sanitizing
/// every server-provided string on the way.
/// </summary>
public sealed class BotTableSource : ITableSource
{
    private static readonly string[] BaseNames = ["Id", "Name", "State", "Sent", "Recv", "RTT ms", "Avg ms", "Reconn", "Last error"];
    private static readonly int ColumnCount = Enum.GetValues<BotColumn>().Length;

    private ImmutableArray<BotRow> _rows = [];
    private int[] _order = [];
    private string[] _names = (string[])BaseNames.Clone();

    public BotColumn SortColumn { get; private set; } = BotColumn.Id;

    public bool SortDescending { get; private set; }

    public string[] ColumnNames => _names;

    public int Columns => ColumnCount;

    public int Rows => _rows.Length;

    public object this[int row, int col] => Cell(RowAt(row), (BotColumn)col);

    /// <summary>The bot shown at display row <paramref name="row"/>.</summary>
    public BotRow RowAt(int row) => _rows[_order.Length == _rows.Length ? _order[row] : row];

    /// <summary>Replaces the rows and re-sorts them once.</summary>
    public void SetRows(ImmutableArray<BotRow> rows)
    {
        _rows = rows.IsDefault ? [] : rows;
        Sort();
    }

    /// <summary>Sorts by the next column (wrapping round).</summary>
    public void CycleSortColumn()
    {
        SortColumn = (BotColumn)(((int)SortColumn + 1) % ColumnCount);
        Sort();
    }

    public void SetSort(BotColumn column, bool descending)
    {
        SortColumn = column;
        SortDescending = descending;
        Sort();
    }

    public void ReverseSort()
    {
        SortDescending = !SortDescending;
        Sort();
    }

    /// <summary>Where the bot with <paramref name="id"/> is shown now, or -1.</summary>
    public int IndexOfId(int id)
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            if (RowAt(i).Id == id)
                return i;
        }
        return -1;
    }

    private void Sort()
    {
        _names = (string[])BaseNames.Clone();
        _names[(int)SortColumn] += SortDescending ? " ▼" : " ▲";

        var rows = _rows;
        if (SortColumn == BotColumn.Id && !SortDescending)
        {
            _order = []; // rows come in id order: identity
            return;
        }
        if (_order.Length != rows.Length)
            _order = new int[rows.Length];
        for (var i = 0; i < _order.Length; i++)
            _order[i] = i;
        var comparison = Comparison(rows, SortColumn);
        var sign = SortDescending ? -1 : 1;
        // Ties fall back to id order, so the sort is stable from tick to tick.
        Array.Sort(_order, (a, b) =>
        {
            var c = comparison(a, b) * sign;
            return c != 0 ? c : rows[a].Id.CompareTo(rows[b].Id);
        });
    }

    private static Comparison<int> Comparison(ImmutableArray<BotRow> rows, BotColumn column) => column switch
    {
        BotColumn.Id => (a, b) => rows[a].Id.CompareTo(rows[b].Id),
        BotColumn.Name => (a, b) => string.CompareOrdinal(rows[a].Name, rows[b].Name),
        BotColumn.State => (a, b) => rows[a].State.CompareTo(rows[b].State),
        BotColumn.Sent => (a, b) => rows[a].MessagesSent.CompareTo(rows[b].MessagesSent),
        BotColumn.Received => (a, b) => rows[a].MessagesReceived.CompareTo(rows[b].MessagesReceived),
        BotColumn.LastRtt => (a, b) => CompareMs(rows[a].LastRttMs, rows[b].LastRttMs),
        BotColumn.AvgRtt => (a, b) => CompareMs(rows[a].AvgRttMs, rows[b].AvgRttMs),
        BotColumn.Reconnects => (a, b) => rows[a].Reconnects.CompareTo(rows[b].Reconnects),
        _ => (a, b) => string.CompareOrdinal(rows[a].LastError ?? "", rows[b].LastError ?? ""),
    };

    // Unknown (NaN) round trips sort before every measured one.
    private static int CompareMs(double a, double b) =>
        double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a.CompareTo(b);

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
