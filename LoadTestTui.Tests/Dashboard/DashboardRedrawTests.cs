using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;
using Terminal.Gui.ViewBase;

namespace LoadTestTui.Tests.Dashboard;

/// <summary>A tick redraws only what it changed: the same figures cost no drawing, at any bot count.</summary>
[TestClass]
public sealed class DashboardRedrawTests
{
    private const int Bots = 19_000;

    [TestMethod]
    public void Refresh_SameFiguresAgain_NothingAsksForRedraw()
    {
        using var h = Settled();
        h.Window.EngineFeed.OnNext(Snapshot(SnapshotBuilder.Bots(Bots))); // a new snapshot, equal figures
        h.Window.Refresh();
        Assert.IsFalse(NeedsDraw(h.Window), $"asking for a redraw: {string.Join(", ", Dirty(h.Window))}");
    }

    [TestMethod]
    public void Refresh_BotOutOfViewChanges_TableDoesNotAskForRedraw()
    {
        using var h = Settled();
        var bots = SnapshotBuilder.Bots(Bots);
        h.Window.EngineFeed.OnNext(Snapshot(bots.SetItem(Bots - 1, bots[^1] with { MessagesSent = 999_999 })));
        h.Window.Refresh();
        Assert.IsFalse(NeedsDraw(h.Window.BotsPane));
    }

    [TestMethod]
    public void Refresh_VisibleBotChanges_OnlyTheTableAsksForRedraw()
    {
        using var h = Settled();
        var bots = SnapshotBuilder.Bots(Bots);
        h.Window.EngineFeed.OnNext(Snapshot(bots.SetItem(2, bots[2] with { MessagesSent = 999_999 })));
        h.Window.Refresh();
        Assert.IsTrue(h.Window.BotsPane.Table.NeedsDraw);
        CollectionAssert.AreEqual(new[] { "TableView" }, Dirty(h.Window).Where(n => n != "BotsPane" && n != "DashboardWindow").ToArray());
        h.Draw();
        StringAssert.Contains(h.Screen, "999,999");
    }

    [TestMethod]
    public void Refresh_NineteenThousandBots_FormatsOnlyTheVisibleRows()
    {
        using var h = new DashboardHarness();
        var bots = SnapshotBuilder.Bots(Bots);
        h.Feed(Snapshot(bots));
        var source = h.Window.BotsPane.Source;
        var before = source.CellsFormatted;
        h.Feed(Snapshot(bots.SetItem(0, bots[0] with { MessagesSent = 5 })));
        var visibleCells = h.Window.BotsPane.Table.Viewport.Height * source.Columns;
        Assert.IsLessThanOrEqualTo(2L * visibleCells, source.CellsFormatted - before, "a tick formats the visible rows, not the crowd");
        Assert.IsGreaterThan(0L, source.CellsFormatted - before);
    }

    /// <summary>A dashboard fed the same figures until every sparkline is full of them, then drawn.</summary>
    private static DashboardHarness Settled()
    {
        var h = new DashboardHarness();
        var bots = SnapshotBuilder.Bots(Bots);
        for (var i = 0; i < 200; i++)
        {
            h.Window.EngineFeed.OnNext(Snapshot(bots));
            h.Window.Refresh();
        }
        h.Draw();
        Assert.IsFalse(NeedsDraw(h.Window), "drawn");
        return h;
    }

    private static LoadTestTui.Core.Model.EngineSnapshot Snapshot(System.Collections.Immutable.ImmutableArray<LoadTestTui.Core.Model.BotRow> bots) =>
        SnapshotBuilder.Engine(online: 5, target: 10, bots: bots);

    private static bool NeedsDraw(View view) => Dirty(view).Any();

    /// <summary>The views asking for a redraw, by type name, depth first.</summary>
    private static IEnumerable<string> Dirty(View view)
    {
        if (view.NeedsDraw)
            yield return view.GetType().Name;
        foreach (var sub in view.SubViews)
        {
            foreach (var name in Dirty(sub))
                yield return name;
        }
    }
}
