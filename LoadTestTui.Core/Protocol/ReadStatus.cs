namespace LoadTestTui.Core.Protocol;

public enum ReadStatus
{
    /// <summary>A whole frame was decoded.</summary>
    Complete,

    /// <summary>More bytes are needed; nothing was consumed.</summary>
    Incomplete,

    /// <summary>The frame is malformed; the connection must be closed.</summary>
    Malformed,
}
