using System.Buffers;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Loops;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoadTestTui.Tests.Bots;

/// <summary>A bot's receive path driven synchronously over prepared buffers: what it counts, and what it allocates.</summary>
[TestClass]
public sealed class BotReceiveTests
{
    private const int Frames = 100_000;

    public static IEnumerable<object[]> Kinds =>
    [
        ["tagged chat from another bot"],
        ["own echo"],
        ["untagged chat"],
        ["new user"],
        ["exit user"],
        ["user list"],
        ["pong"],
    ];

    [TestMethod]
    [DynamicData(nameof(Kinds))]
    public void OnFrame_AfterWarmUp_AllocatesNothingPerFrame(string kind)
    {
        var (run, receiver, sender) = NewRun();
        Drain(run, receiver, Encode(run, kind, 1_000, sender, receiver, firstSequence: 1));
        var measured = Encode(run, kind, Frames, sender, receiver, firstSequence: 1_001);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var end = Drain(run, receiver, measured);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.IsNull(end, $"the loop stopped: {end}");
        Assert.AreEqual(0L, allocated, $"{allocated} bytes allocated for {Frames:N0} '{kind}' frames");
        var traffic = Traffic(receiver);
        Assert.AreEqual(1_000L + Frames, traffic.FramesReceived);
    }

    [TestMethod]
    public void OnFrame_TaggedChatsFromAnotherBot_CountedReceivedAuditedAndTimed()
    {
        var (run, receiver, sender) = NewRun();
        Drain(run, receiver, Encode(run, "tagged chat from another bot", 30, sender, receiver, firstSequence: 1)); // the send log holds 32

        var traffic = Traffic(receiver);
        Assert.AreEqual(30L, traffic.DeliveryReceived);
        Assert.AreEqual(30L, traffic.DeliveryAudited);
        Assert.AreEqual(0L, traffic.DeliveryLost + traffic.DeliveryDuplicated + traffic.DeliveryOutOfOrder + traffic.DeliveryUntagged);
        Assert.AreEqual(30L, Interval(run.FanOut).TotalCount, "every delivery whose send time is in the sender's log is timed");
    }

    [TestMethod]
    public void OnFrame_ReceiverAboveAuditRange_CountsReceivedButKeepsNoSenderState()
    {
        var (run, _, sender) = NewRun(SenderTable.AuditReceivers + 1);
        var receiver = run.Bots.Get(SenderTable.AuditReceivers + 1)!;
        var frames = Encode(run, "tagged chat from another bot", 10, sender, receiver, firstSequence: 1);
        Drain(run, receiver, frames);
        Drain(run, receiver, frames); // every one again: a duplicate, but only audit receivers can tell

        var traffic = Traffic(receiver);
        Assert.IsFalse(receiver.Audits);
        Assert.AreEqual(20L, traffic.DeliveryReceived);
        Assert.AreEqual(0L, traffic.DeliveryAudited);
        Assert.AreEqual(0L, traffic.DeliveryDuplicated);
    }

    private static (RunContext Run, Bot Receiver, Bot Sender) NewRun(int bots = 2)
    {
        var run = new RunContext(BotOptions.Default, EngineOptions.Default.RunLimits, NullLogger.Instance);
        for (var id = 1; id <= bots; id++)
            run.Bots.Add(new Bot(id, run));
        return (run, run.Bots.Get(1)!, run.Bots.Get(2)!);
    }

    private static HdrHistogram.HistogramBase Interval(LatencyRecorder recorder)
    {
        var interval = new LatencySet();
        recorder.MoveTo(interval);
        return interval.For(recorder.Kind);
    }

    private static TrafficCounters Traffic(Bot bot)
    {
        var total = default(TrafficCounters);
        bot.AddTrafficTo(ref total);
        return total;
    }

    private static FrameLoopEnd? Drain(RunContext run, Bot receiver, byte[] frames)
    {
        var buffer = new ReadOnlySequence<byte>(frames);
        ((IConnectionOwner)receiver).OnRead(MonoClock.Now); // as a loop connection does before each read's frames
        var end = FrameLoop.DrainFrames(ref buffer, run.Codec, receiver);
        Assert.AreEqual(0L, buffer.Length, "every frame consumed");
        return end;
    }

    /// <summary>Count frames of one kind back to back; chats carry increasing sequences, logged as sent by their sender.</summary>
    private static byte[] Encode(RunContext run, string kind, int count, Bot sender, Bot receiver, uint firstSequence) =>
        ReceivedFrames.Encode(run.Codec, count, firstSequence, sequence => kind switch
        {
            "tagged chat from another bot" => Chat(run, sender, sequence),
            "own echo" => Chat(run, receiver, sequence),
            _ => ReceivedFrames.Plain(kind, sequence),
        });

    private static Packet Chat(RunContext run, Bot sender, uint sequence)
    {
        run.Bots.RecordSend(sender.Id, sequence, MonoClock.Now);
        return Packet.ChatMessage(sender.Name, "-> : " + new ChatTag(run.RunId, sender.Id, sequence).AppendTo("Hello everyone!"), 42);
    }
}
