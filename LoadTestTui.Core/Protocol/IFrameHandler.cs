namespace LoadTestTui.Core.Protocol;

/// <summary>
/// Receives each validated frame from <see cref="FrameLoop"/>, synchronously and in order, still
/// in its wire form: a handler reads only the fields it needs and decodes no string it ignores.
/// </summary>
public interface IFrameHandler
{
    /// <summary>Handles one frame; returns false to stop reading (the handler records why). The frame is valid only during the call.</summary>
    bool OnFrame(in Frame frame);
}
