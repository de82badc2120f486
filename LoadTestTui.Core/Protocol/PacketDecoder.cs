namespace LoadTestTui.Core.Protocol;

/// <summary>Adapts a packet handler to the frame loop: decodes each frame into a <see cref="Packet"/> first.</summary>
internal sealed class PacketDecoder(IPacketHandler handler) : IFrameHandler
{
    public bool OnFrame(in Frame frame) => handler.OnPacket(frame.ToPacket());
}
