using System.Buffers;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Protocol;

/// <summary>The skip path: <see cref="FrameLoop.DrainFrames"/> validates frames in wire form and hands them on undecoded.</summary>
[TestClass]
public sealed class FrameLoopTests
{
    private static readonly FrameCodec Codec = FrameCodec.Default;

    public static IEnumerable<object[]> VectorNames => GoldenVectors.Names;

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void DrainFrames_GoldenVectorThenHeartbeat_ConsumesExactlyOneFrameEach(string name)
    {
        var vector = GoldenVectors.Get(name);
        var heartbeat = Codec.Encode(Packet.Heartbeat());
        foreach (var chunk in new[] { int.MaxValue, 7, 1 })
        {
            var bytes = vector.Frame.Concat(heartbeat).ToArray();
            var buffer = Segments.Split(bytes, Math.Min(chunk, bytes.Length));
            var seen = new Recorder();

            var end = FrameLoop.DrainFrames(ref buffer, Codec, seen);

            Assert.IsNull(end, $"chunk {chunk}: {end}");
            Assert.AreEqual(0L, buffer.Length, $"chunk {chunk}: everything consumed");
            CollectionAssert.AreEqual(new[] { (PacketType)vector.PacketType, PacketType.NotifyHeartbeat }, seen.Types, $"chunk {chunk}");
            CollectionAssert.AreEqual(new[] { vector.Frame.Length, heartbeat.Length }, seen.Lengths, $"chunk {chunk}");
            var expected = vector.ToPacket() with { FrameLength = vector.Frame.Length };
            Assert.AreEqual(expected, seen.Packets[0] with { Names = expected.Names }, $"chunk {chunk}: the skipped frame still decodes to the vector's fields");
            CollectionAssert.AreEqual(expected.Names ?? [], seen.Packets[0].Names ?? []);
        }
    }

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void DrainFrames_GoldenVectorMissingItsLastByte_WaitsAndConsumesNothing(string name)
    {
        var frame = GoldenVectors.Get(name).Frame;
        var buffer = new ReadOnlySequence<byte>(frame, 0, frame.Length - 1);
        var seen = new Recorder();
        Assert.IsNull(FrameLoop.DrainFrames(ref buffer, Codec, seen));
        Assert.AreEqual(frame.Length - 1L, buffer.Length);
        Assert.IsEmpty(seen.Types);
    }

    [TestMethod]
    [DataRow("negative string count", ProtocolErrorKind.StringCountNegative)]
    [DataRow("string past end", ProtocolErrorKind.StringPastEnd)]
    [DataRow("user list count too large", ProtocolErrorKind.ListCountOutOfRange)]
    [DataRow("user list name past end", ProtocolErrorKind.StringPastEnd)]
    [DataRow("trailing bytes after new user", ProtocolErrorKind.TrailingBytes)]
    [DataRow("exit user without name", ProtocolErrorKind.FieldPastEnd)]
    [DataRow("chat message without timestamp", ProtocolErrorKind.FieldPastEnd)]
    [DataRow("pong cut short", ProtocolErrorKind.FieldPastEnd)]
    [DataRow("unknown type", ProtocolErrorKind.UnknownType)]
    public void DrainFrames_MalformedIgnoredType_StillRejected(string script, ProtocolErrorKind expected)
    {
        var frame = new RawFrame();
        switch (script)
        {
            case "negative string count": frame.Int64(144).Int32(-3); break;
            case "string past end": frame.Int64(146).Int32(50).Bytes("Bot"u8); break;
            case "user list count too large": frame.Int64(145).Int32(3).String("a"); break;
            case "user list name past end": frame.Int64(145).Int32(2).String("Bot_0001").Int32(40).Bytes("Bot_0002"u8); break;
            case "trailing bytes after new user": frame.Int64(144).String("Bot_0001").Int32(0); break;
            case "exit user without name": frame.Int64(146); break;
            case "chat message without timestamp": frame.Int64(143).String("Bot_0001").String("hi"); break;
            case "pong cut short": frame.Int64(160).Int64(1).Int64(2); break;
            case "unknown type": frame.Int64(999); break;
        }
        var bytes = frame.ToFrame(ProtocolOptions.DefaultKey);
        var buffer = new ReadOnlySequence<byte>(bytes);
        var seen = new Recorder();

        var end = FrameLoop.DrainFrames(ref buffer, Codec, seen);

        Assert.AreEqual(FrameLoopEndKind.ProtocolError, end?.Kind);
        Assert.AreEqual(expected, end?.Error?.Kind);
        Assert.IsEmpty(seen.Types, "a malformed frame never reaches the handler");
        Assert.AreEqual(ReadStatus.Malformed, Codec.TryRead(new ReadOnlySequence<byte>(bytes), out _, out _, out var error), "the decoding path agrees");
        Assert.AreEqual(expected, error.Kind);
    }

    [TestMethod]
    public void DrainFrames_HandlerStops_LeavesTheRestUnconsumed()
    {
        var one = Codec.Encode(Packet.NewUser("Bot_0001"));
        var buffer = new ReadOnlySequence<byte>([.. one, .. one, .. one]);
        var seen = new Recorder { StopAfter = 2 };
        var end = FrameLoop.DrainFrames(ref buffer, Codec, seen);
        Assert.AreEqual(FrameLoopEndKind.StoppedByHandler, end?.Kind);
        Assert.HasCount(2, seen.Types);
        Assert.AreEqual(one.Length * 1L, buffer.Length);
    }

    private sealed class Recorder : IFrameHandler
    {
        public List<PacketType> Types { get; } = [];
        public List<int> Lengths { get; } = [];
        public List<Packet> Packets { get; } = [];
        public int StopAfter { get; init; } = int.MaxValue;

        public bool OnFrame(in Frame frame)
        {
            Types.Add(frame.Type);
            Lengths.Add(frame.Length);
            Packets.Add(frame.ToPacket());
            return Types.Count < StopAfter;
        }
    }
}
