using System.Collections.Immutable;
using System.Text;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Cluster;

[TestClass]
public sealed class ClusterMessagesTests
{
    private static AgentReport FullReport()
    {
        var latencies = new LatencySet();
        latencies.For(LatencyKind.ChatEcho).RecordValue(1234);
        return new AgentReport
        {
            AgentId = "a1b2c3",
            Name = "agent-1",
            Host = "host-a",
            ProcessId = 42,
            Sequence = 7,
            CpuPercent = 12.5,
            ControllerId = "c1",
            RunId = "k7q2",
            Final = true,
            Figures = new AgentFigures
            {
                State = RunState.Running,
                TargetBots = 10,
                Counters = RunCounters.Zero with
                {
                    TotalBots = 10,
                    States = new StateCounts(0, 1, 2, 3, 4, 0, 0, 0),
                    MessagesSent = 100,
                    Errors = 3,
                    ErrorsByKind = RunCounters.Zero.ErrorsByKind.SetItem((int)ErrorKind.ConnectRefused, 3),
                    ProtocolErrors = RunCounters.Zero.ProtocolErrors.SetItem((int)ProtocolErrorKind.TrailingBytes, 1),
                    DeliveryExpected = 99,
                    DeliveryRemote = 5,
                },
                Latencies = latencies.Encode(),
            },
            Events = [new EngineEvent(DateTimeOffset.UnixEpoch, EventLevel.Warning, "Bot_0001: refused")],
            Bots = [new BotRow(1, "Bot_0001", BotState.Online, 3, 4, 0, null, double.NaN, double.NaN, double.NaN, double.NaN)],
        };
    }

    [TestMethod]
    public void AgentReport_Encoded_LeavesOutZerosAndSendsEachHistogramOnce()
    {
        using var json = System.Text.Json.JsonDocument.Parse(ClusterJson.Encode(FullReport()));
        var figures = json.RootElement.GetProperty("figures");
        var counters = figures.GetProperty("counters");
        var names = counters.EnumerateObject().Select(p => p.Name).ToList();
        Assert.AreEqual(100, counters.GetProperty("messages_sent").GetInt64());
        CollectionAssert.DoesNotContain(names, "messages_received", "zero counters are left out");
        CollectionAssert.DoesNotContain(names, "frames_sent");
        CollectionAssert.DoesNotContain(figures.EnumerateObject().Select(p => p.Name).ToList(), "total_bots", "what is derived from the counters is never sent twice");
        var latencies = figures.GetProperty("latencies").EnumerateObject().Select(p => p.Name).ToList();
        CollectionAssert.AreEqual(new[] { "echo" }, latencies, "kinds without values are left out");
        Assert.AreEqual("connecting registering online reconnecting", string.Join(" ", counters.GetProperty("states").EnumerateObject().Select(p => p.Name)));
    }

    [TestMethod]
    public void WorkOrder_UntaggedFromIdOne_RoundTripKeepsNonDefaults()
    {
        var command = new AgentCommand
        {
            ControllerId = "c1",
            RunId = "k7q2",
            Kind = CommandKind.Start,
            Work = new WorkOrder { Host = "h", Tagged = false, FirstBotId = 0, MaxFrameSize = 0, Stages = [new WorkStage { DurationMs = 500, ChatIntervalMaxMs = 0 }] },
        };
        var back = ClusterJson.Decode<AgentCommand>(ClusterJson.Encode(command), out var problem);
        Assert.IsNull(problem);
        Assert.AreEqual(CommandKind.Start, back!.Kind);
        Assert.IsFalse(back.Work!.Tagged, "false is not the order's default: it must travel");
        Assert.AreEqual((0, 0), (back.Work.FirstBotId, back.Work.MaxFrameSize));
        Assert.AreEqual(new WorkStage { DurationMs = 500, ChatIntervalMaxMs = 0 }, back.Work.Stages!.Single());
    }

    [TestMethod]
    public void AgentReport_RoundTrip_Equal()
    {
        var report = FullReport();
        var back = ClusterJson.Decode<AgentReport>(ClusterJson.Encode(report), out var problem);
        Assert.IsNull(problem);
        Assert.IsNotNull(back);
        Assert.AreEqual(AgentReport.CurrentVersion, back.Version);
        Assert.AreEqual(report with { Figures = null, Events = [], Bots = null }, back with { Figures = null, Events = [], Bots = null });
        var (sent, got) = (report.Figures!, back.Figures!);
        Assert.AreEqual(sent.Counters with { ErrorsByKind = default, ProtocolErrors = default }, got.Counters with { ErrorsByKind = default, ProtocolErrors = default });
        CollectionAssert.AreEqual(sent.Counters.ErrorsByKind.ToArray(), got.Counters.ErrorsByKind.ToArray());
        CollectionAssert.AreEqual(sent.Counters.ProtocolErrors.ToArray(), got.Counters.ProtocolErrors.ToArray());
        Assert.AreEqual((sent.State, sent.TargetBots, sent.RampLimit), (got.State, got.TargetBots, got.RampLimit));
        CollectionAssert.AreEqual(sent.Latencies["echo"], got.Latencies["echo"]);
        CollectionAssert.AreEqual(report.Events.ToList(), back.Events.ToList());
        Assert.AreEqual("Bot_0001", back.Bots!.Value.Single().Name);
        Assert.IsTrue(double.IsNaN(back.Bots!.Value.Single().LastRttMs));
    }

    [TestMethod]
    public void AgentCommand_WithWorkOrder_RoundTrip()
    {
        var order = WorkOrder.From(BotOptions.Default, EngineOptions.Default) with { FirstBotId = 100_001, IdBlock = 100_000, ClusterBotIds = 200_000, Count = 7, ControllerTimeoutMs = 5000 };
        var command = new AgentCommand { ControllerId = "c1", RunId = "k7q2", Kind = CommandKind.Start, Work = order, Count = 3, Text = "hi 안녕", Paused = true };
        var back = ClusterJson.Decode<AgentCommand>(ClusterJson.Encode(command), out var problem);
        Assert.IsNull(problem);
        Assert.AreEqual(command with { Work = null }, back! with { Work = null });
        Assert.AreEqual(order with { Messages = [] }, back.Work! with { Messages = [] });
        CollectionAssert.AreEqual(order.Messages.ToList(), back.Work!.Messages.ToList());
        var bots = back.Work.ToBotOptions(null);
        Assert.AreEqual(100_001, bots.FirstBotId);
        Assert.AreEqual(BotOptions.Default.ChatIntervalMax, bots.ChatIntervalMax);
        Assert.IsEmpty(bots.Validate());
    }

    [TestMethod]
    public void CommandAck_RoundTrip_Equal()
    {
        var ack = new CommandAck { AgentId = "a1", Ok = false, Error = "busy with controller c2", Value = 12 };
        Assert.AreEqual(ack, ClusterJson.Decode<CommandAck>(ClusterJson.Encode(ack), out _));
    }

    [TestMethod]
    public void ControllerBeat_RoundTrip_Equal()
    {
        var beat = new ControllerBeat { ControllerId = "c1", RunId = "k7q2", ClusterOnline = 18_000, RowLimit = 200 };
        Assert.AreEqual(beat, ClusterJson.Decode<ControllerBeat>(ClusterJson.Encode(beat), out _));
    }

    [TestMethod]
    [DataRow("""{"version":2,"controller_id":"c1"}""", "version 2")]
    [DataRow("""{"version":1""", "malformed")]
    [DataRow("null", "empty")]
    public void Decode_OtherVersionOrMalformed_RejectedWithReason(string json, string reason)
    {
        Assert.IsNull(ClusterJson.Decode<ControllerBeat>(Encoding.UTF8.GetBytes(json), out var problem));
        Assert.Contains(reason, problem!);
    }
}
