namespace LoadTestTui.Core.Protocol;

/// <summary>Receives each decoded packet from <see cref="FrameLoop"/>, synchronously and in order.</summary>
public interface IPacketHandler
{
    /// <summary>Handles one packet; returns false to stop reading (the handler records why).</summary>
    bool OnPacket(in Packet packet);
}
