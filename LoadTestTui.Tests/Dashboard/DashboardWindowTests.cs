using System.Collections.Immutable;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;
using Terminal.Gui.Input;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
[DoNotParallelize]
public sealed class DashboardWindowTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Refresh_FedSnapshot_PanesShowItsValues()
    {
        using var h = new DashboardHarness(monitored: true);
        h.Feed(SnapshotBuilder.Engine(online: 950, target: 1000, bots: [SnapshotBuilder.Bot(42, "alice", sent: 123, received: 456)],
            chatInterval: SnapshotBuilder.Latency(12.3, 20.5, 45.6, 80.2)));
        h.Feed(SnapshotBuilder.Monitor(SnapshotBuilder.Process(cpu: 42.5)));
        var screen = h.Screen;
        TestContext.WriteLine(screen);
        StringAssert.Contains(screen, "127.0.0.1:9200");
        StringAssert.Contains(screen, "online 950/1,000");
        StringAssert.Contains(screen, "00:01:23");
        StringAssert.Contains(screen, "alice");
        StringAssert.Contains(screen, "p99 45.6");
        StringAssert.Contains(screen, "42.5%");
        StringAssert.Contains(screen, "chatserver (pid 4321)");
        foreach (var title in new[] { "Bots", "Latency", "Throughput", "Server", "Log" })
            StringAssert.Contains(screen, title);
    }

    [TestMethod]
    public void Refresh_NoMonitorFeed_ServerPaneSaysNotMonitored()
    {
        using var h = new DashboardHarness(monitored: false);
        h.Feed(SnapshotBuilder.Engine());
        StringAssert.Contains(h.Screen, "not monitored");
    }

    [TestMethod]
    public void Refresh_MonitoredProcessMissing_ServerPaneSaysWaiting()
    {
        using var h = new DashboardHarness(monitored: true);
        h.Feed(SnapshotBuilder.Monitor(null, status: "not found"));
        StringAssert.Contains(h.Screen, "process chatserver: not found, waiting...");
        Assert.IsFalse(h.Screen.Contains("not monitored", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Refresh_ServerRestarted_LogsItOnce()
    {
        using var h = new DashboardHarness(monitored: true);
        h.Feed(SnapshotBuilder.Monitor(SnapshotBuilder.Process()) with { Restarted = true, Restarts = 1 });
        h.Tick();
        Assert.AreEqual(1, h.Window.LogPane.Lines.Count(l => l.Contains("server process restarted: chatserver now pid 4321", StringComparison.Ordinal)));
        StringAssert.Contains(h.Screen, "restarts 1");
    }

    [TestMethod]
    public void Refresh_EngineEvents_AppearInLogPaneOnce()
    {
        using var h = new DashboardHarness();
        var snapshot = SnapshotBuilder.Engine(events: [new EngineEvent(SnapshotBuilder.Epoch, EventLevel.Warning, "reconnect storm")]);
        h.Feed(snapshot);
        h.Tick(); // the same snapshot again must not repeat its events
        Assert.AreEqual(1, h.Window.LogPane.Lines.Count(l => l.Contains("reconnect storm", StringComparison.Ordinal)));
        StringAssert.Contains(h.Screen, "WARN  reconnect storm");
    }

    [TestMethod]
    public void Refresh_EventsOfSnapshotsNeverRendered_StillReachLogPane()
    {
        using var h = new DashboardHarness();
        // Two snapshots arrive between ticks: the panes show only the second, but no event may be lost.
        h.Feed(SnapshotBuilder.Engine(events: [new EngineEvent(SnapshotBuilder.Epoch, EventLevel.Info, "run started: 50 bots")]));
        h.Feed(SnapshotBuilder.Engine(events: [new EngineEvent(SnapshotBuilder.Epoch, EventLevel.Error, "Bot_0007: connection reset")]));
        h.Tick();
        StringAssert.Contains(h.Screen, "run started: 50 bots");
        StringAssert.Contains(h.Screen, "Bot_0007: connection reset");
    }

    [TestMethod]
    public void Refresh_EventStormLargerThanCap_KeepsNewestLinesUpToCapacity()
    {
        using var h = new DashboardHarness(settings: new DashboardSettings { Target = "t", LogCapacity = 100 });
        var storm = Enumerable.Range(1, 1_000).Select(i => new EngineEvent(SnapshotBuilder.Epoch, EventLevel.Warning, $"Bot_{i:D4}: connection refused")).ToImmutableArray();
        h.Feed(SnapshotBuilder.Engine(events: storm));
        h.Tick();
        Assert.HasCount(100, h.Window.LogPane.Lines);
        StringAssert.Contains(h.Window.LogPane.Lines[0], "Bot_0901");
        StringAssert.Contains(h.Window.LogPane.Lines[^1], "Bot_1000");
        StringAssert.Contains(h.Screen, "Bot_1000: connection refused");
    }

    [TestMethod]
    public void AutoStart_StartsOnFirstTickThroughActions_Once()
    {
        using var h = new DashboardHarness(settings: new DashboardSettings { Target = "t", AutoStart = new StartRequest(50, TimeSpan.FromSeconds(30), 25) });
        h.Tick();
        h.Tick();
        Assert.HasCount(1, h.Actions.Starts);
        Assert.AreEqual((50, (TimeSpan?)TimeSpan.FromSeconds(30), 25.0), h.Actions.Starts[0]);
        StringAssert.Contains(h.Screen, "starting 50 bots");
    }

    [TestMethod]
    public void BroadcastKey_TextThenEnter_BroadcastsExactlyThatText()
    {
        using var h = new DashboardHarness();
        var seen = h.PressWithDialog(Key.B, [.. DashboardHarness.Type("hello World+1"), Key.Enter]);
        StringAssert.Contains(seen, "Broadcast");
        Assert.IsFalse(h.DialogLeftOpen);
        CollectionAssert.AreEqual(new[] { "hello World+1" }, h.Actions.Broadcasts);
        Assert.AreEqual(0, h.Actions.Scales.Count, "typing '+' in the dialog must not scale");
        h.Tick();
        StringAssert.Contains(h.Screen, "broadcast sent by 7 bots: hello World+1");
    }

    [TestMethod]
    public void BroadcastKey_Esc_CancelsWithoutBroadcasting()
    {
        using var h = new DashboardHarness();
        var seen = h.PressWithDialog(Key.B, [.. DashboardHarness.Type("nope"), Key.Esc]);
        StringAssert.Contains(seen, "nope");
        Assert.AreEqual(0, h.Actions.Broadcasts.Count);
        Assert.IsFalse(h.DialogLeftOpen);
        Assert.IsFalse(h.Screen.Contains("nope", StringComparison.Ordinal), "the dialog must be gone");
    }

    [TestMethod]
    public void ExportKey_Enter_ExportsToPrefilledPathAndLogsResult()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ltt-dash-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = new FixedClock(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
            var settings = new DashboardSettings { Target = "t", ExportDirectory = dir, Clock = clock };
            using var h = new DashboardHarness(settings: settings);
            var expected = Path.Combine(dir, "load_test_stats_20260304_050607.json");

            var seen = h.PressWithDialog(Key.E, Key.Enter);
            StringAssert.Contains(seen, "load_test_stats_20260304_050607.json");
            h.CompleteBackgroundWork();

            CollectionAssert.AreEqual(new[] { expected }, h.Actions.Exports.ToArray());
            Assert.IsTrue(File.Exists(expected));
            Assert.IsTrue(h.Window.LogPane.Lines.Any(l => l.EndsWith("wrote " + expected, StringComparison.Ordinal)), string.Join("\n", h.Window.LogPane.Lines));
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void QuitKey_RunningThenY_StopsBotsThenRequestsStop()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(RunState.Running, online: 10, target: 10));
        var seen = h.PressWithDialog(Key.Q, Key.Y);
        StringAssert.Contains(seen, "Stop them and quit?");
        h.CompleteBackgroundWork();
        Assert.AreEqual(1, h.Actions.StopCalls);
        Assert.IsTrue(h.Window.QuitRequested);
        Assert.IsTrue(h.Window.StopRequested);
    }

    [TestMethod]
    public void QuitKey_RunningThenEsc_KeepsRunning()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(RunState.Ramping, online: 10, target: 10));
        h.PressWithDialog(Key.Q, Key.Esc);
        h.CompleteBackgroundWork();
        Assert.AreEqual(0, h.Actions.StopCalls);
        Assert.IsFalse(h.Window.QuitRequested);
        Assert.IsFalse(h.Window.StopRequested);
    }

    [TestMethod]
    public void QuitKey_Idle_QuitsAtOnce()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(RunState.Idle));
        h.Press(Key.Q);
        Assert.IsTrue(h.Window.QuitRequested);
        Assert.IsTrue(h.Window.StopRequested);
        Assert.AreEqual(0, h.Actions.StopCalls);
    }

    [TestMethod]
    public void EscKey_MainScreenWhileRunning_DoesNotQuit()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(RunState.Running, online: 10, target: 10));
        h.Press(Key.Esc);
        Assert.IsFalse(h.Window.StopRequested);
        Assert.IsFalse(h.Window.QuitRequested);
    }

    [TestMethod]
    public void CtrlC_Idle_QuitsAtOnce()
    {
        using var h = new DashboardHarness();
        h.Press(Key.C.WithCtrl);
        Assert.IsTrue(h.Window.QuitRequested);
        Assert.IsTrue(h.Window.StopRequested);
    }

    [TestMethod]
    public void StartKey_TypedNumbers_StartsWithThem()
    {
        using var h = new DashboardHarness();
        // Fields are prefilled: clear each before typing (Ctrl+A isn't assumed; backspace enough times).
        var clear = Enumerable.Repeat(Key.Backspace, 8).ToArray();
        var seen = h.PressWithDialog(Key.S,
            [.. clear, .. DashboardHarness.Type("250"), Key.Tab, .. clear, .. DashboardHarness.Type("60"), Key.Tab, .. clear, .. DashboardHarness.Type("12.5"), Key.Enter]);
        StringAssert.Contains(seen, "Ramp");
        Assert.IsFalse(h.DialogLeftOpen);
        Assert.AreEqual(1, h.Actions.Starts.Count);
        Assert.AreEqual((250, (TimeSpan?)TimeSpan.FromSeconds(60), 12.5), h.Actions.Starts[0]);
    }

    [TestMethod]
    public void StartKey_InvalidInput_ShowsErrorInDialogAndDoesNotStart()
    {
        using var h = new DashboardHarness();
        var clear = Enumerable.Repeat(Key.Backspace, 8).ToArray();
        var seen = h.PressWithDialog(Key.S, [.. clear, .. DashboardHarness.Type("lots"), Key.Enter, Key.Esc]);
        StringAssert.Contains(seen, "Bots must be a whole number");
        Assert.AreEqual(0, h.Actions.Starts.Count);
    }

    [TestMethod]
    public void PlusKey_Pressed_ScalesByTen()
    {
        using var h = new DashboardHarness();
        h.Press(new Key('+'));
        h.Press(new Key('-'));
        h.Press(new Key(']'));
        h.Press(new Key('['));
        CollectionAssert.AreEqual(new[] { 10, -10, 100, -100 }, h.Actions.Scales);
    }

    [TestMethod]
    public void PauseKey_PressedTwice_PausesThenResumes()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine());
        h.Press(Key.P);
        h.Press(Key.P);
        CollectionAssert.AreEqual(new[] { true, false }, h.Actions.Pauses);
    }

    [TestMethod]
    public void HelpKey_F1_ListsEveryKey()
    {
        using var h = new DashboardHarness();
        var seen = h.PressWithDialog(Key.F1, Key.Esc);
        foreach (var entry in DashboardKeys.All)
            StringAssert.Contains(seen, entry.Description);
    }

    [TestMethod]
    public void Refresh_HostileStrings_AreShownSanitized()
    {
        const string hostile = "\u001b[2J\u001b]0;pwned\u0007ev\ril\u0007bot";
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(
            bots: [SnapshotBuilder.Bot(1, name: hostile, lastError: "err" + hostile)],
            events: [new EngineEvent(SnapshotBuilder.Epoch, EventLevel.Error, "evt" + hostile)]));
        var screen = h.Screen;
        Assert.IsFalse(screen.Contains('\u001b', StringComparison.Ordinal), "no ESC on screen");
        Assert.IsFalse(screen.Contains('\u0007', StringComparison.Ordinal), "no BEL on screen");
        Assert.IsFalse(screen.Contains("pwned", StringComparison.Ordinal), "OSC payload removed");
        StringAssert.Contains(screen, "ev ilbot");
        StringAssert.Contains(screen, "errev ilbot");
        StringAssert.Contains(screen, "evtev ilbot");
    }

    [TestMethod]
    public void BotsTable_TwentyThousandRows_RendersAndSorts()
    {
        using var h = new DashboardHarness();
        h.Feed(SnapshotBuilder.Engine(bots: SnapshotBuilder.Bots(20_000)));
        StringAssert.Contains(h.Screen, "bot00001");
        h.Press(Key.O); // sort by name
        h.Press(Key.R); // descending
        h.Tick();
        StringAssert.Contains(h.Screen, "Name ▼");
        StringAssert.Contains(h.Screen, "bot20000");
        Assert.AreEqual(20_000, h.Window.BotsPane.Source.RowAt(0).Id);
    }

    [TestMethod]
    public void BotsTable_SelectionFollowsTheBotAcrossTicks()
    {
        using var h = new DashboardHarness(80, 24);
        h.Window.BotsPane.SetSort(BotColumn.Sent, descending: true);
        h.Feed(SnapshotBuilder.Engine(bots: [.. Enumerable.Range(1, 50).Select(i => SnapshotBuilder.Bot(i, sent: i))]));
        h.Window.BotsPane.Table.SetFocus();
        for (var i = 0; i < 5; i++)
            h.Press(Key.CursorDown);
        var selectedId = h.Window.BotsPane.Source.RowAt(h.Window.BotsPane.Table.Value!.SelectedCell.Y).Id;
        Assert.AreEqual(45, selectedId); // sent descending: 50, 49, ... so the sixth row is bot 45
        // Next tick the counts reverse: bot 45 moves from row 5 to row 44, and the selection follows it.
        h.Feed(SnapshotBuilder.Engine(bots: [.. Enumerable.Range(1, 50).Select(i => SnapshotBuilder.Bot(i, sent: 100 - i))]));
        var table = h.Window.BotsPane.Table;
        Assert.AreEqual(44, table.Value!.SelectedCell.Y);
        Assert.AreEqual(45, h.Window.BotsPane.Source.RowAt(table.Value.SelectedCell.Y).Id);
        Assert.AreEqual(44 - 5, table.RowOffset, "the selected bot keeps its distance from the top");
    }

    [TestMethod]
    public void Layout_SmallAndResized_RendersWithoutException()
    {
        using var h = new DashboardHarness(80, 24, monitored: true);
        var snapshot = SnapshotBuilder.Engine(online: 5, target: 10, bots: SnapshotBuilder.Bots(100),
            events: [new EngineEvent(SnapshotBuilder.Epoch, EventLevel.Info, "small screen event")]);
        h.Feed(snapshot);
        h.Feed(SnapshotBuilder.Monitor(SnapshotBuilder.Process()));
        StringAssert.Contains(h.Screen, "Bots");
        StringAssert.Contains(h.Screen, "Log");
        StringAssert.Contains(h.Screen, "small screen event");
        h.Resize(160, 48);
        h.Tick();
        StringAssert.Contains(h.Screen, "small screen event");
        h.Resize(60, 20);
        h.Tick();
        StringAssert.Contains(h.Screen, "Bots");
        h.Resize(160, 48);
        h.Tick();
        StringAssert.Contains(h.Screen, "Throughput");
        StringAssert.Contains(h.Screen, "online 5/10");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
