using System.Collections.Immutable;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
public sealed class BotTableSourceTests
{
    [TestMethod]
    public void SetRows_DefaultSort_KeepsIdOrder()
    {
        var source = new BotTableSource();
        source.SetRows([SnapshotBuilder.Bot(1), SnapshotBuilder.Bot(2), SnapshotBuilder.Bot(3)]);
        Assert.AreEqual("1", source[0, (int)BotColumn.Id]);
        Assert.AreEqual("Id ▲", source.ColumnNames[0]);
    }

    [TestMethod]
    public void SetSort_SentDescending_OrdersRowsWithIdTieBreak()
    {
        var source = new BotTableSource();
        source.SetSort(BotColumn.Sent, descending: true);
        source.SetRows([SnapshotBuilder.Bot(1, sent: 5), SnapshotBuilder.Bot(2, sent: 9), SnapshotBuilder.Bot(3, sent: 5)]);
        CollectionAssert.AreEqual(new[] { 2, 1, 3 }, Enumerable.Range(0, 3).Select(i => source.RowAt(i).Id).ToArray());
        Assert.AreEqual("Sent ▼", source.ColumnNames[(int)BotColumn.Sent]);
    }

    [TestMethod]
    public void SetSort_LastRtt_UnknownSortsFirst()
    {
        var source = new BotTableSource();
        source.SetSort(BotColumn.LastRtt, descending: false);
        source.SetRows([SnapshotBuilder.Bot(1, lastRtt: 3), SnapshotBuilder.Bot(2, lastRtt: double.NaN), SnapshotBuilder.Bot(3, lastRtt: 1)]);
        CollectionAssert.AreEqual(new[] { 2, 3, 1 }, Enumerable.Range(0, 3).Select(i => source.RowAt(i).Id).ToArray());
        Assert.AreEqual("-", source[0, (int)BotColumn.LastRtt]);
    }

    [TestMethod]
    public void CycleSortColumn_FromLast_WrapsToId()
    {
        var source = new BotTableSource();
        for (var i = 0; i < Enum.GetValues<BotColumn>().Length; i++)
            source.CycleSortColumn();
        Assert.AreEqual(BotColumn.Id, source.SortColumn);
    }

    [TestMethod]
    public void Indexer_HostileNameAndError_ReturnsSanitizedText()
    {
        var source = new BotTableSource();
        source.SetRows([SnapshotBuilder.Bot(1, name: "\u001b[31mred\u0007", state: BotState.Failed, lastError: "\u001b]0;x\u0007boom\r\n")]);
        Assert.AreEqual("red", source[0, (int)BotColumn.Name]);
        Assert.AreEqual("boom  ", source[0, (int)BotColumn.LastError]);
        Assert.AreEqual("failed", source[0, (int)BotColumn.State]);
    }

    [TestMethod]
    public void FormatWindow_TwentyThousandRows_FormatsOnlyThatWindow()
    {
        var source = new BotTableSource();
        source.SetRows(SnapshotBuilder.Bots(20_000));
        Assert.IsTrue(source.FormatWindow(100, 40));
        Assert.AreEqual(40L * source.Columns, source.CellsFormatted);
        Assert.AreEqual("101", source[100, (int)BotColumn.Id]);
        Assert.AreEqual(40L * source.Columns, source.CellsFormatted, "a visible cell is served from the window, not formatted again");
    }

    [TestMethod]
    public void FormatWindow_SameVisibleText_ReportsNoChange()
    {
        var source = new BotTableSource();
        source.SetRows(SnapshotBuilder.Bots(1_000));
        source.FormatWindow(0, 40);
        source.SetRows(SnapshotBuilder.Bots(1_000)); // a new snapshot, equal figures
        Assert.IsFalse(source.FormatWindow(0, 40));
    }

    [TestMethod]
    public void FormatWindow_ChangeInsideOrOutsideTheWindow_ReportsOnlyTheVisibleOne()
    {
        var source = new BotTableSource();
        var rows = SnapshotBuilder.Bots(1_000);
        source.SetRows(rows);
        source.FormatWindow(0, 40);
        source.SetRows(rows.SetItem(999, rows[999] with { MessagesSent = 123_456 }));
        Assert.IsFalse(source.FormatWindow(0, 40), "bot 1000 is not visible");
        source.SetRows(rows.SetItem(5, rows[5] with { MessagesSent = 123_456 }));
        Assert.IsTrue(source.FormatWindow(0, 40), "bot 6 is visible");
        Assert.AreEqual("123,456", source[5, (int)BotColumn.Sent]);
    }

    [TestMethod]
    public void SetRows_IdSort_TakesTheRowsWithoutFormattingAny()
    {
        var source = new BotTableSource(sortInBackground: true);
        Assert.IsFalse(source.SetRows(SnapshotBuilder.Bots(20_000)));
        source.ReverseSort();
        Assert.IsFalse(source.SetRows(SnapshotBuilder.Bots(20_000)));
        Assert.AreEqual(0L, source.CellsFormatted);
        Assert.AreEqual(20_000, source.RowAt(0).Id);
        Assert.AreEqual(0, source.IndexOfId(20_000));
        Assert.AreEqual(19_999, source.IndexOfId(1));
    }

    [TestMethod]
    public void SetRows_BackgroundSort_FreshValuesInTheOldOrderUntilTheNewOrderIsApplied()
    {
        var source = new BotTableSource(sortInBackground: true);
        source.SetSort(BotColumn.Sent, descending: true);
        Assert.IsTrue(source.SetRows(Rows(sent: i => i)), "the first rows of a new order are sorted at once");
        Assert.AreEqual(50, source.RowAt(0).Id);

        Assert.IsFalse(source.SetRows(Rows(sent: i => 100 - i)), "later orders are made off the UI thread");
        Assert.AreEqual(50, source.RowAt(0).Id, "still the old order");
        Assert.AreEqual(50L, source.RowAt(0).MessagesSent, "with the new figures");
        Assert.IsNotNull(source.Sorting);
        Assert.IsTrue(source.Sorting.Wait(TimeSpan.FromSeconds(10)), "the background sort finished");

        Assert.IsTrue(source.SetRows(Rows(sent: i => 100 - i)), "the next tick applies the new order");
        Assert.AreEqual(1, source.RowAt(0).Id);
        Assert.AreEqual(4, source.IndexOfId(5));
    }

    [TestMethod]
    public void RowAt_BotsJoinedSinceTheSort_ShownAfterTheSortedOnesInIdOrder()
    {
        var source = new BotTableSource(sortInBackground: true);
        source.SetSort(BotColumn.Sent, descending: true);
        source.SetRows(Rows(sent: i => i, count: 3));
        source.SetRows(Rows(sent: i => i, count: 5));
        CollectionAssert.AreEqual(new[] { 3, 2, 1, 4, 5 }, Enumerable.Range(0, 5).Select(i => source.RowAt(i).Id).ToArray());
        Assert.AreEqual(3, source.IndexOfId(4));
        Assert.AreEqual(2, source.IndexOfId(1));
        Assert.AreEqual(-1, source.IndexOfId(99));
    }

    [TestMethod]
    public void BotOrder_Sort_PositionIsTheInverseOfTheOrder()
    {
        var order = BotOrder.Sort(SnapshotBuilder.Bots(500), BotColumn.Received, descending: false);
        for (var row = 0; row < order.Order.Length; row++)
            Assert.AreEqual(row, order.Position[order.Order[row]]);
        for (var row = 1; row < order.Order.Length; row++)
            Assert.IsLessThanOrEqualTo(order.Rows[order.Order[row]].MessagesReceived, order.Rows[order.Order[row - 1]].MessagesReceived);
    }

    private static ImmutableArray<BotRow> Rows(Func<int, long> sent, int count = 50) =>
        [.. Enumerable.Range(1, count).Select(i => SnapshotBuilder.Bot(i, sent: sent(i)))];
}
