using System.Collections.Immutable;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Dashboard;

/// <summary>
/// One sort of the Bots table: the rows it was made from, their display order (row indexes) and
/// each row's display position. Pure and immutable, so it can be made off the UI thread.
/// </summary>
public sealed class BotOrder
{
    private BotOrder(ImmutableArray<BotRow> rows, BotColumn column, bool descending, int[] order, int[] position)
    {
        Rows = rows;
        Column = column;
        Descending = descending;
        Order = order;
        Position = position;
    }

    /// <summary>The rows sorted (in id order, as snapshots carry them).</summary>
    public ImmutableArray<BotRow> Rows { get; }

    public BotColumn Column { get; }

    public bool Descending { get; }

    /// <summary>Display row → index into <see cref="Rows"/>.</summary>
    public int[] Order { get; }

    /// <summary>Index into <see cref="Rows"/> → display row.</summary>
    public int[] Position { get; }

    /// <summary>Sorts <paramref name="rows"/> by <paramref name="column"/>; ties fall back to id order, so the order is stable from sort to sort.</summary>
    public static BotOrder Sort(ImmutableArray<BotRow> rows, BotColumn column, bool descending)
    {
        rows = rows.IsDefault ? [] : rows;
        var order = new int[rows.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var comparison = Comparison(rows, column);
        var sign = descending ? -1 : 1;
        Array.Sort(order, (a, b) =>
        {
            var c = comparison(a, b) * sign;
            return c != 0 ? c : rows[a].Id.CompareTo(rows[b].Id);
        });
        var position = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
            position[order[i]] = i;
        return new BotOrder(rows, column, descending, order, position);
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
}
