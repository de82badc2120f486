using LoadTestTui.Core.Bots;
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
}
