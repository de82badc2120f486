using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Plans;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>
/// What every <see cref="ILoadEngine"/> must do, whether its bots run in this process or on load
/// agents: the same run gives the same results document (every field), the same figures within
/// tolerance, and the same behaviour of the interface. Each subclass makes one kind of engine
/// against the real reference server; a contract test fails for the engine that breaks it.
/// </summary>
public abstract class LoadEngineContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly ConcurrentDictionary<Type, Lazy<Task<TimedRunRecord>>> Runs = new();

    /// <summary>The engine under contract, aimed at a fresh reference server on a loopback port.</summary>
    internal abstract Task<EngineUnderTest> StartAsync(Func<int, BotOptions> bots, EngineOptions engine);

    /// <summary>This engine's one timed run: made by the first test that needs it, read by the rest.</summary>
    private Task<TimedRunRecord> TimedRunAsync() =>
        Runs.GetOrAdd(GetType(), _ => new Lazy<Task<TimedRunRecord>>(() => TimedRun.RunAsync(StartAsync))).Value;

    /// <summary>Bots that never chat on their own: only what a test sends is sent.</summary>
    private static BotOptions QuietBots(int port) => TestServers.FastBots(port) with { ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero };

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_ResultsDocument_HasEveryContractField()
    {
        var run = await TimedRunAsync();
        var shape = ResultsShape.Of(run.Document);
        var missing = ContractShape.Paths.Except(shape).ToList();
        var extra = shape.Except(ContractShape.Paths).ToList();
        Assert.IsTrue(missing.Count == 0 && extra.Count == 0,
            $"results document differs from the contract's fields.{Environment.NewLine}missing or of another kind: {string.Join(", ", missing)}{Environment.NewLine}not in the contract: {string.Join(", ", extra)}");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_OnlineBots_ReachTheTarget()
    {
        var run = await TimedRunAsync();
        var doc = run.Document;
        var checks = new ContractChecks();
        checks.Equal("peak_connected_bots", TimedRun.Bots, Int(doc, "peak_connected_bots"));
        checks.Equal("total_bots", TimedRun.Bots, Int(doc, "total_bots"));
        checks.Equal("run.target_bots", TimedRun.Bots, Int(doc, "run", "target_bots"));
        checks.Equal("run.state", "stopped", doc["run"]!["state"]!.GetValue<string>());
        checks.True("a timeline second with every bot online", run.Final.Timeline.Any(r => r.Online == TimedRun.Bots),
            $"online per second: {string.Join(" ", run.Final.Timeline.Select(r => r.Online))}");
        checks.Equal("bot_details rows", TimedRun.Bots, doc["bot_details"]!.AsArray().Count);
        checks.Equal("distinct bot names", TimedRun.Bots, doc["bot_details"]!.AsArray().Select(b => b!["name"]!.GetValue<string>()).Distinct().Count());
        checks.Equal("bots stopped at the end", TimedRun.Bots, run.Final.States.Stopped);
        checks.Equal("error_count", 0L, Long(doc, "error_count"));
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_ChatsSent_AreTheChatsTheServerReceived()
    {
        var run = await TimedRunAsync();
        var checks = new ContractChecks();
        checks.True("chats sent", run.ServerChats > 0, run.ServerChats.ToString());
        checks.Equal("messages_sent = chats the server received", run.ServerChats, Long(run.Document, "messages_sent"));
        checks.Equal("goodbyes acknowledged", (long)TimedRun.Bots, Long(run.Document, "totals", "goodbyes_acknowledged"));
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_Latencies_MeasuredForEverySampleAndEncoded()
    {
        var run = await TimedRunAsync();
        var doc = run.Document;
        var checks = new ContractChecks();
        checks.Equal("latency.samples = messages_sent (every chat's echo came back)", Long(doc, "messages_sent"), Long(doc, "latency", "samples"));
        checks.True("ping_latency.samples", Long(doc, "ping_latency", "samples") > 0, Long(doc, "ping_latency", "samples").ToString());
        checks.Equal("registration_latency.samples (each bot registered once)", (long)TimedRun.Bots, Long(doc, "registration_latency", "samples"));
        checks.Equal("connect_time.samples", (long)TimedRun.Bots, Long(doc, "connect_time", "samples"));
        // A delivery from another agent has no fan-out sample (the send time stays there): it is left out, and counted.
        checks.Equal("delivery.fanout_latency.samples + delivery.fanout_left_out = delivery.received",
            Long(doc, "delivery", "received"), Long(doc, "delivery", "fanout_latency", "samples") + Long(doc, "delivery", "fanout_left_out"));
        foreach (var histogram in new[] { "chat_rtt", "ping_rtt", "fanout", "registration" })
            checks.True($"histograms.{histogram}", doc["histograms"]![histogram]!.GetValue<string>().Length > 0, "empty");
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_Deliveries_AllReceivedNoneLost()
    {
        var run = await TimedRunAsync();
        var delivery = run.Document["delivery"]!;
        var checks = new ContractChecks();
        checks.True("delivery.expected", Long(delivery, "expected") > 0, Long(delivery, "expected").ToString());
        checks.Equal("delivery.received = delivery.expected", Long(delivery, "expected"), Long(delivery, "received"));
        checks.Equal("delivery.lost", 0L, Long(delivery, "lost"));
        checks.Equal("delivery.duplicated", 0L, Long(delivery, "duplicated"));
        checks.Equal("delivery.out_of_order", 0L, Long(delivery, "out_of_order"));
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_DeliveryAudit_IsTheSampleOfBotsOneTo64()
    {
        var run = await TimedRunAsync();
        var delivery = run.Document["delivery"]!;
        var checks = new ContractChecks();
        // The auditors are the bots with ids 1..64, wherever they run: all 64 in one process, the first
        // agent's share of them in a cluster (its ids start at 1, the next agent's far above 64).
        checks.Equal("every bot has its final row", TimedRun.Bots, run.Final.Bots.Length);
        var auditors = run.Final.Bots.Count(r => r.Id <= SenderTable.AuditReceivers);
        checks.True("some bots audit", auditors > 0, auditors.ToString());
        checks.Equal("delivery.audit_receivers = the bots with ids 1..64", auditors, Int(delivery, "audit_receivers"));
        checks.True("delivery.audited > 0", Long(delivery, "audited") > 0, Long(delivery, "audited").ToString());
        checks.True("delivery.audited <= delivery.received", Long(delivery, "audited") <= Long(delivery, "received"),
            $"{Long(delivery, "audited")} > {Long(delivery, "received")}");
        checks.Equal("delivery.audit_is_sample = (bots > auditors)", TimedRun.Bots > auditors, delivery["audit_is_sample"]!.GetValue<bool>());
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_Duration_IsWrittenAndElapsedIsCloseToIt()
    {
        var run = await TimedRunAsync();
        var doc = run.Document;
        var limit = TimedRun.Duration.TotalSeconds;
        var checks = new ContractChecks();
        var duration = doc["run"]!["duration_s"];
        checks.Equal("run.duration_s", (double?)limit, duration?.GetValue<double>());
        // The run ends at its duration, plus the stop: goodbyes (and agents' final reports), slow on a busy machine.
        checks.Within("elapsed_time", limit, limit + 4, Double(doc, "elapsed_time"));
        checks.Within("elapsed_time against the test's clock", 0, run.Wall.TotalSeconds + 0.5, Double(doc, "elapsed_time"));
        var rows = doc["timeline"]!.AsArray().Count;
        var whole = Math.Floor(Double(doc, "elapsed_time"));
        checks.Within("timeline rows (one per whole second)", whole - 1, whole + 1, rows);
        checks.True("run.started_at and run.ended_at", doc["run"]!["started_at"] is not null && doc["run"]!["ended_at"] is not null,
            $"{doc["run"]!["started_at"]?.ToJsonString() ?? "null"}, {doc["run"]!["ended_at"]?.ToJsonString() ?? "null"}");
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_TrackedWindow_HasTheTrailingFigures()
    {
        var run = await TimedRunAsync();
        var checks = new ContractChecks();
        var (low, high) = (TimedRun.Window.TotalSeconds / 2, TimedRun.Window.TotalSeconds + 0.5); // ticks come late on a busy machine
        if (run.AtPause.Windows.GetValueOrDefault(TimedRun.Window) is { } chatting)
        {
            checks.Equal("window's run state while chatting", RunState.Running, run.AtPause.State);
            checks.Within("window span while chatting (s)", low, high, chatting.Span.TotalSeconds);
            checks.True("window chats sent", chatting.MessagesSent > 0, chatting.MessagesSent.ToString());
            checks.True("window echoes", chatting.ChatRtt.Count > 0, chatting.ChatRtt.Count.ToString());
            checks.True("window deliveries", chatting.DeliveryExpected > 0 && chatting.DeliveryReceived > 0, $"{chatting.DeliveryReceived}/{chatting.DeliveryExpected}");
            checks.True("window chats <= whole run's", chatting.MessagesSent <= run.AtPause.Figures.MessagesSent, $"{chatting.MessagesSent} > {run.AtPause.Figures.MessagesSent}");
        }
        else
        {
            checks.True($"a {TimedRun.Window.TotalSeconds} s window in the snapshot while chatting", false, "not there");
        }
        if (run.Final.Windows.GetValueOrDefault(TimedRun.Window) is { } last)
        {
            checks.Within("final window span (s)", low, high, last.Span.TotalSeconds);
            checks.True("final window pings (chat paused, pings go on)", last.PingsSent > 0 && last.PingRtt.Count > 0, $"{last.PingsSent} sent, {last.PingRtt.Count} measured");
        }
        else
        {
            checks.True($"a {TimedRun.Window.TotalSeconds} s window in the final snapshot", false, "not there");
        }
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_FiguresSince_AgreeWithTheFinalSnapshot()
    {
        var run = await TimedRunAsync();
        var (all, whole) = (run.SinceStart, run.Final.Figures);
        var checks = new ContractChecks();
        checks.Equal("since 0: chats sent", whole.MessagesSent, all.MessagesSent);
        checks.Equal("since 0: messages received", whole.MessagesReceived, all.MessagesReceived);
        checks.Equal("since 0: pings sent", whole.PingsSent, all.PingsSent);
        checks.Equal("since 0: echoes", whole.ChatRtt.Count, all.ChatRtt.Count);
        checks.Equal("since 0: deliveries expected", whole.DeliveryExpected, all.DeliveryExpected);
        checks.Equal("since 0: deliveries received", whole.DeliveryReceived, all.DeliveryReceived);
        checks.Equal("since 0: connects", whole.Connects, all.Connects);
        checks.Equal("since 0: online ratio", whole.OnlineRatio, all.OnlineRatio);
        if (run is { QuietFrom: { } from, SinceQuiet: { } quiet })
        {
            checks.Equal($"since {from.TotalSeconds:0.00} s (chat paused, every chat counted): chats sent", 0L, quiet.MessagesSent);
            checks.True($"since {from.TotalSeconds:0.00} s (chat paused): pings sent", quiet.PingsSent > 0, quiet.PingsSent.ToString());
        }
        else
        {
            checks.True("after the pause, a snapshot counting every chat the server got before the run's last half second", false,
                $"none (paused at {run.AtPause.Elapsed.TotalSeconds:0.0} s of {TimedRun.Duration.TotalSeconds} s; {run.NotQuiet})");
        }
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_Thresholds_JudgedWithTheExpectedVerdicts()
    {
        var run = await TimedRunAsync();
        var judged = run.Document["thresholds"]?.AsArray();
        Assert.IsNotNull(judged, "the results document has no thresholds");
        var checks = new ContractChecks();
        checks.Equal("thresholds judged", TimedRun.Thresholds.Count, judged.Count);
        foreach (var ((text, passes), result) in TimedRun.Thresholds.Zip(judged))
        {
            checks.Equal($"'{text}' expr", text, result!["expr"]!.GetValue<string>());
            checks.Equal($"'{text}' passed", passes, result["passed"]!.GetValue<bool>());
            checks.True($"'{text}' measured", result["measured"] is not null, "null (no data)");
        }
        checks.Equal("window_s of the windowed threshold", (double?)TimedRun.Window.TotalSeconds, judged.Select(t => t!["window_s"]).OfType<JsonNode>().Select(w => w.GetValue<double>()).Cast<double?>().SingleOrDefault());
        checks.AssertAll();
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_States_GoFromIdleThroughRunningToStopped()
    {
        var run = await TimedRunAsync();
        var states = run.States;
        var seen = string.Join(" > ", states);
        Assert.IsGreaterThanOrEqualTo(3, states.Count, seen);
        Assert.AreEqual(RunState.Idle, states[0], $"a subscriber before the start first gets the idle snapshot: {seen}");
        Assert.AreEqual(RunState.Stopped, states[^1], seen);
        var middle = states.Skip(1).SkipLast(1).ToList();
        Assert.IsTrue(middle.All(s => s is RunState.Ramping or RunState.Running or RunState.Stopping), $"only ramping, running or stopping between: {seen}");
        Assert.Contains(RunState.Running, middle, $"every bot came online before the end: {seen}");
        var firstStopping = middle.IndexOf(RunState.Stopping);
        Assert.IsTrue(firstStopping < 0 || middle.Skip(firstStopping).All(s => s == RunState.Stopping), $"never back from stopping: {seen}");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_RunCompletion_CompletesWithTheFinalSnapshotPublished()
    {
        var run = await TimedRunAsync();
        Assert.AreEqual(RunState.Stopped, run.StateAtCompletion, "Latest when RunCompletion completed");
        Assert.AreEqual(RunState.Stopped, run.Final.State);
        Assert.IsFalse(run.FeedEndedBeforeDispose, "the end of a run is the final snapshot; the feed goes on until the engine is disposed");
    }

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task TimedRun_Feed_CompletesOnDispose()
    {
        var run = await TimedRunAsync();
        Assert.IsTrue(run.FeedEndedOnDispose, "the feed completed within 10 s of the engine's dispose");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Start_WhileActive_ThrowsInvalidOperation()
    {
        await using var rig = await StartAsync(QuietBots, TestServers.FastEngine);
        var engine = rig.Engine;
        engine.Start(10);
        Assert.ThrowsExactly<InvalidOperationException>(() => engine.Start(5));
        Assert.ThrowsExactly<InvalidOperationException>(() => engine.Start(new LoadPlan([new Stage(TimeSpan.FromSeconds(5), 5)])));
        await Wait.UntilAsync(() => engine.Latest is { States.Online: 10, TargetBots: 10 } && rig.Server.Stats.UsersRegistered == 10, Patience, "the first run's 10 bots online");
        await Wait.ForAsync(engine.StopAsync(), Patience, "stop");

        // A stopped run is not active: the next one starts.
        engine.Start(5);
        await Wait.UntilAsync(() => engine.Latest is { States.Online: 5, TargetBots: 5 } && rig.Server.Stats.UsersRegistered == 5, Patience, "the second run's 5 bots online");
        await Wait.ForAsync(engine.StopAsync(), Patience, "stop");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task ScaleTo_UpThenDown_OnlineBotsAndServerFollow()
    {
        await using var rig = await StartAsync(QuietBots, TestServers.FastEngine);
        var (engine, server) = (rig.Engine, rig.Server);
        engine.Start(10);
        await Wait.UntilAsync(() => engine.Latest.States.Online == 10 && server.Stats.UsersRegistered == 10, Patience, "10 online");

        engine.ScaleTo(16);
        await Wait.UntilAsync(() => engine.Latest is { States.Online: 16, TargetBots: 16 } && server.Stats.UsersRegistered == 16, Patience, "scaled up to 16");

        engine.ScaleTo(6);
        await Wait.UntilAsync(() => engine.Latest is { States.Online: 6, TargetBots: 6 } && server.Stats.UsersRegistered == 6, Patience, "scaled down to 6");
        Assert.AreEqual(16, engine.Latest.PeakOnline);
        Assert.AreEqual(0L, engine.Latest.ErrorCount);
        await Wait.ForAsync(engine.StopAsync(), Patience, "stop");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task Broadcast_WhileOnline_ReachesEveryOnlineBot()
    {
        const int bots = 20;
        await using var rig = await StartAsync(QuietBots, TestServers.FastEngine);
        var (engine, server) = (rig.Engine, rig.Server);
        engine.Start(bots);
        await Wait.UntilAsync(() => engine.Latest.States.Online == bots, Patience, $"{bots} online");
        var before = engine.SnapshotNow();

        Assert.AreEqual(bots, engine.Broadcast("contract broadcast"), "bots asked to send");
        await Wait.UntilAsync(() => server.Stats.Chats == bots, Patience, $"the server received the broadcast from all {bots} bots");
        await Wait.UntilAsync(() => engine.Latest.Delivery.Received - before.Delivery.Received == bots * (bots - 1), Patience, "every bot received every other's");
        var after = engine.SnapshotNow();
        Assert.AreEqual((long)bots, after.MessagesSent - before.MessagesSent);
        Assert.AreEqual((long)bots * (bots - 1), after.Delivery.Expected - before.Delivery.Expected, "each sender expects every other online bot");
        Assert.AreEqual(0L, after.Delivery.Lost);
        await Wait.ForAsync(engine.StopAsync(), Patience, "stop");
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public async Task SnapshotNow_BetweenSlowTicks_IsOfThisMoment()
    {
        const int bots = 10;
        // Ticks a few seconds apart: Latest lags, SnapshotNow must not.
        await using var rig = await StartAsync(QuietBots, TestServers.FastEngine with { Tick = TimeSpan.FromSeconds(3) });
        var (engine, server) = (rig.Engine, rig.Server);
        engine.Start(bots);
        // Online in a snapshot, not only registered on the server: a bot is online once it has read its user list, a moment later.
        await Wait.UntilAsync(() => engine.Latest.States.Online == bots && server.Stats.UsersRegistered == bots, Patience, $"{bots} online, and users on the server");
        Assert.AreEqual(bots, engine.Broadcast("fresh"), "bots asked to send");
        await Wait.UntilAsync(() => server.Stats.Chats == bots, Patience, "the server received every bot's chat");

        var asked = DateTimeOffset.Now;
        var now = engine.SnapshotNow();
        var checks = new ContractChecks();
        checks.True("timestamp not before the call", now.Timestamp >= asked, $"{now.Timestamp:HH:mm:ss.fff} < {asked:HH:mm:ss.fff}");
        checks.Equal("online", bots, now.States.Online);
        checks.Equal("chats sent (the server has them all)", (long)bots, now.MessagesSent);
        checks.Equal("a row for every bot", bots, now.Bots.Length);
        checks.True("Latest is that snapshot or newer", engine.Latest.Timestamp >= now.Timestamp, $"{engine.Latest.Timestamp:HH:mm:ss.fff}");
        checks.AssertAll();
        await Wait.ForAsync(engine.StopAsync(), Patience, "stop");
    }

    private static JsonNode Field(JsonNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => n[key] ?? throw new AssertFailedException($"the results document has no '{string.Join(".", path)}'"));

    private static int Int(JsonNode node, params string[] path) => Field(node, path).GetValue<int>();

    private static long Long(JsonNode node, params string[] path) => Field(node, path).GetValue<long>();

    private static double Double(JsonNode node, params string[] path) => Field(node, path).GetValue<double>();
}
