using System.Buffers;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;

namespace LoadTestTui.Tests.Server;

[TestClass]
public sealed class UserListFramesTests
{
    [TestMethod]
    public void Encode_NoUsers_IsOneEmptyList()
    {
        var frames = UserListFrames.Encode(FrameCodec.Default, [], out var closed);
        Assert.AreEqual(0, closed);

        Assert.HasCount(1, frames);
        CollectionAssert.AreEqual(Array.Empty<string>(), Decode(FrameCodec.Default, frames[0]));
    }

    [TestMethod]
    [DataRow(83, 1)]
    [DataRow(120, 1)]
    [DataRow(10_240, 5_000)]
    [DataRow(10_240, 20_000)]
    public void Encode_ManyNames_EveryFrameFitsAndNamesKeepOrder(int maxFrame, int users)
    {
        var codec = new FrameCodec(ProtocolOptions.Default with { MaxFrameSize = maxFrame });
        var names = Enumerable.Range(0, users).Select(i => i % 7 == 0 ? new string('n', 63) : $"Bot_{i:D4}").ToArray();
        if (maxFrame < 100)
            names = [new string('n', 63)];

        var frames = UserListFrames.Encode(codec, names, out var closed);

        Assert.IsTrue(frames.All(f => f.Length <= maxFrame), "a frame exceeds the maximum");
        CollectionAssert.AreEqual(names, frames.SelectMany(f => Decode(codec, f)).ToArray());
        // Greedy packing: only the last frame may be far from full.
        Assert.IsTrue(frames.SkipLast(1).All(f => f.Length > maxFrame - 4 - 63), "a frame was closed too early");
        Assert.AreEqual(names.Length - Decode(codec, frames[^1]).Length, closed, "names in the frames before the last");
    }

    private static string[] Decode(FrameCodec codec, byte[] frame)
    {
        Assert.AreEqual(ReadStatus.Complete, codec.TryRead(new ReadOnlySequence<byte>(frame), out var packet, out _, out var error), error.ToString());
        Assert.AreEqual(PacketType.AnsUserList, packet.Type);
        return packet.Names!;
    }
}
