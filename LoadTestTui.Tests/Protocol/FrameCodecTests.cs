using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Protocol;

[TestClass]
public sealed class FrameCodecTests
{
    private static readonly FrameCodec Codec = FrameCodec.Default;

    public static IEnumerable<object[]> VectorNames => GoldenVectors.Names;

    [TestMethod]
    public void DefaultKey_MatchesVectorFile() =>
        Assert.AreEqual(ProtocolOptions.DefaultKey, GoldenVectors.Key);

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void Write_GoldenVector_ProducesExactBytes(string name)
    {
        var vector = GoldenVectors.Get(name);
        var output = new ArrayBufferWriter<byte>();
        var written = Codec.Write(vector.ToPacket(), output);
        Assert.AreEqual(vector.FrameHex, Convert.ToHexStringLower(output.WrittenSpan));
        Assert.AreEqual(vector.Frame.Length, written);
    }

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void TryRead_GoldenVector_DecodesFields(string name)
    {
        var vector = GoldenVectors.Get(name);
        var input = new ReadOnlySequence<byte>(vector.Frame);
        var status = Codec.TryRead(input, out var packet, out var consumed, out _);
        Assert.AreEqual(ReadStatus.Complete, status);
        Assert.AreEqual(vector.Frame.Length, input.Slice(0, consumed).Length);
        AssertSamePacket(vector.ToPacket(), packet);
    }

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void Write_WithoutKey_BodyMatchesPlainHex(string name)
    {
        var vector = GoldenVectors.Get(name);
        var plain = new FrameCodec(ProtocolOptions.Default with { Key = "" });
        var output = new ArrayBufferWriter<byte>();
        plain.Write(vector.ToPacket(), output);
        Assert.AreEqual(vector.BodyPlainHex, Convert.ToHexStringLower(output.WrittenSpan[4..]));
        Assert.AreEqual(output.WrittenCount, BinaryPrimitives.ReadInt32LittleEndian(output.WrittenSpan));
    }

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void TryRead_EveryTruncation_IsIncompleteAndConsumesNothing(string name)
    {
        var frame = GoldenVectors.Get(name).Frame;
        for (var cut = 0; cut < frame.Length; cut++)
        {
            var status = Codec.TryRead(new ReadOnlySequence<byte>(frame, 0, cut), out _, out var consumed, out _);
            Assert.AreEqual(ReadStatus.Incomplete, status, $"cut at {cut}");
            Assert.AreEqual(0, consumed.GetInteger());
        }
    }

    [TestMethod]
    [DynamicData(nameof(VectorNames))]
    public void TryRead_OneByteSegments_DecodesSameFields(string name)
    {
        var vector = GoldenVectors.Get(name);
        var status = Codec.TryRead(Segments.Split(vector.Frame, 1), out var packet, out _, out _);
        Assert.AreEqual(ReadStatus.Complete, status);
        AssertSamePacket(vector.ToPacket(), packet);
    }

    [TestMethod]
    public void TryRead_ManyFramesInThreeByteSegments_ReadsAllInOrder()
    {
        var all = GoldenVectors.All.SelectMany(v => v.Frame).ToArray();
        var buffer = Segments.Split(all, 3);
        var seen = new List<PacketType>();
        while (Codec.TryRead(buffer, out var packet, out var consumed, out _) == ReadStatus.Complete)
        {
            seen.Add(packet.Type);
            buffer = buffer.Slice(consumed);
        }
        Assert.AreEqual(0, buffer.Length);
        CollectionAssert.AreEqual(GoldenVectors.All.Select(v => (PacketType)v.PacketType).ToList(), seen);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(4)]
    [DataRow(11)]
    [DataRow(-1)]
    [DataRow(int.MinValue)]
    [DataRow(10_241)]
    [DataRow(int.MaxValue)]
    public void TryRead_LengthOutOfRange_IsMalformedBeforeBodyArrives(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        var status = PlainCodec.TryRead(new ReadOnlySequence<byte>(header), out _, out _, out var error);
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.LengthOutOfRange, error.Kind);
    }

    [TestMethod]
    public void TryRead_UnknownType_IsMalformed()
    {
        var status = PlainCodec.TryRead(Body(w => w.Int64(999)), out _, out _, out var error);
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.UnknownType, error.Kind);
    }

    [TestMethod]
    [DataRow(130L)]
    [DataRow(135L)]
    [DataRow(150L)]
    public void TryRead_LoginServerType_IsCompleteAndForeign(long id)
    {
        var status = PlainCodec.TryRead(Body(w => { w.Int64(id); w.Int32(77); }), out var packet, out _, out _);
        Assert.AreEqual(ReadStatus.Complete, status);
        Assert.IsTrue(packet.IsForeign);
        Assert.AreEqual(id, (long)packet.Type);
    }

    [TestMethod]
    public void TryRead_NegativeStringCount_IsMalformed()
    {
        var status = PlainCodec.TryRead(Body(w => { w.Int64(141); w.Int32(-5); }), out _, out _, out var error);
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.StringCountNegative, error.Kind);
    }

    [TestMethod]
    public void TryRead_StringPastEnd_IsMalformed()
    {
        var status = PlainCodec.TryRead(Body(w => { w.Int64(141); w.Int32(100); w.Bytes("abc"u8); }), out _, out _, out var error);
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.StringPastEnd, error.Kind);
    }

    [TestMethod]
    [DataRow(-1)]
    [DataRow(1_000_000)]
    public void TryRead_ImpossibleUserListCount_IsMalformedWithoutAllocating(int count)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = PlainCodec.TryRead(Body(w => { w.Int64(145); w.Int32(count); }), out _, out _, out var error);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.ListCountOutOfRange, error.Kind);
        Assert.IsLessThan(4_000, allocated, $"allocated {allocated} bytes");
    }

    [TestMethod]
    public void TryRead_TrailingBytes_IsMalformed()
    {
        var status = PlainCodec.TryRead(Body(w => { w.Int64(131); w.Int32(0); }), out _, out _, out var error);
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.TrailingBytes, error.Kind);
    }

    [TestMethod]
    public void TryRead_FieldPastEnd_IsMalformed()
    {
        var status = PlainCodec.TryRead(Body(w => { w.Int64(159); w.Int32(1); }), out _, out _, out var error);
        Assert.AreEqual(ReadStatus.Malformed, status);
        Assert.AreEqual(ProtocolErrorKind.FieldPastEnd, error.Kind);
    }

    [TestMethod]
    public void ChatExit_WithoutName_RoundTripsAsTypeOnly()
    {
        var bytes = Codec.Encode(Packet.ChatExit());
        Assert.AreEqual(12, bytes.Length);
        Assert.AreEqual(ReadStatus.Complete, Codec.TryRead(new ReadOnlySequence<byte>(bytes), out var packet, out _, out _));
        Assert.AreEqual(PacketType.ReqChatExit, packet.Type);
        Assert.IsNull(packet.Name);
    }

    [TestMethod]
    [DataRow("utf-8")]
    [DataRow("cp949")]
    [DataRow("euc-kr")]
    public void Chat_KoreanText_RoundTripsInEncoding(string encoding)
    {
        var codec = new FrameCodec(ProtocolOptions.Default with { Encoding = encoding });
        var packet = Packet.ChatMessage("봇_01", "-> : 안녕하세요 모든 봇들!", 12345);
        var bytes = codec.Encode(packet);
        Assert.AreEqual(ReadStatus.Complete, codec.TryRead(new ReadOnlySequence<byte>(bytes), out var decoded, out _, out _));
        Assert.AreEqual(packet.Name, decoded.Name);
        Assert.AreEqual(packet.Text, decoded.Text);
    }

    [TestMethod]
    public void Cp949_KoreanText_UsesTwoBytesPerSyllable()
    {
        var codec = new FrameCodec(ProtocolOptions.Default with { Encoding = "cp949", Key = "" });
        var bytes = codec.Encode(Packet.Register("안녕"));
        Assert.AreEqual(4 + 8 + 4 + 4, bytes.Length);
        CollectionAssert.AreEqual(new byte[] { 0xBE, 0xC8, 0xB3, 0xE7 }, bytes[16..]);
    }

    [TestMethod]
    public void Ascii_NonAsciiText_BecomesQuestionMarksLikeTheOriginalBot()
    {
        var codec = new FrameCodec(ProtocolOptions.Default with { Encoding = "ascii" });
        var bytes = codec.Encode(Packet.Register("봇1"));
        codec.TryRead(new ReadOnlySequence<byte>(bytes), out var decoded, out _, out _);
        Assert.AreEqual("?1", decoded.Name);
    }

    [TestMethod]
    public void Write_TextLargerThanMaxFrame_Throws()
    {
        var text = new string('x', 10_240);
        Assert.IsFalse(Codec.FitsChat(text));
        Assert.ThrowsExactly<FrameTooLargeException>(() => Codec.Encode(Packet.Chat(text, 1)));
    }

    [TestMethod]
    public void Options_SeveralProblems_AreAllReported()
    {
        var problems = (ProtocolOptions.Default with { MaxFrameSize = 3, Encoding = "klingon", Key = "날짜" }).Validate();
        Assert.HasCount(3, problems);
    }

    [TestMethod]
    public void TryRead_LargeMaxFrame_DecodesBigChat()
    {
        var codec = new FrameCodec(ProtocolOptions.Default with { MaxFrameSize = 100_000 });
        var text = new string('가', 20_000);
        var bytes = codec.Encode(Packet.Chat(text, 9));
        Assert.AreEqual(ReadStatus.Complete, codec.TryRead(Segments.Split(bytes, 4096), out var decoded, out _, out _));
        Assert.AreEqual(text, decoded.Text);
    }

    private static readonly FrameCodec PlainCodec = new(ProtocolOptions.Default with { Key = "" });

    private static void AssertSamePacket(Packet expected, Packet actual)
    {
        Assert.AreEqual(expected.Type, actual.Type);
        Assert.AreEqual(expected.Name, actual.Name);
        Assert.AreEqual(expected.Text, actual.Text);
        Assert.AreEqual(expected.ClientTimestamp, actual.ClientTimestamp);
        Assert.AreEqual(expected.ServerTimestamp, actual.ServerTimestamp);
        Assert.AreEqual(expected.Sequence, actual.Sequence);
        CollectionAssert.AreEqual(expected.Names ?? (expected.Type == PacketType.AnsUserList ? [] : null), actual.Names);
    }

    /// <summary>An unobfuscated frame around a hand-built body, for malformed cases.</summary>
    private static ReadOnlySequence<byte> Body(Action<RawFrame> build)
    {
        var frame = new RawFrame();
        build(frame);
        return new ReadOnlySequence<byte>(frame.ToFrame(key: ""));
    }
}
