namespace LoadTestTui.Core.Protocol;

public enum FrameLoopEndKind
{
    /// <summary>Our side cancelled the read.</summary>
    Cancelled,

    /// <summary>The peer closed the connection between frames.</summary>
    RemoteClosed,

    /// <summary>The peer closed the connection part-way through a frame.</summary>
    Truncated,

    /// <summary>A malformed frame arrived; see <see cref="FrameLoopEnd.Error"/>.</summary>
    ProtocolError,

    /// <summary>The handler asked to stop.</summary>
    StoppedByHandler,

    /// <summary>The transport failed (reset, aborted).</summary>
    ConnectionReset,
}

/// <summary>Why a <see cref="FrameLoop"/> ended: the one place connection endings are classified.</summary>
public readonly record struct FrameLoopEnd(FrameLoopEndKind Kind, ProtocolError? Error = null, string? Detail = null)
{
    public override string ToString() => Kind switch
    {
        FrameLoopEndKind.ProtocolError => $"protocol error ({Error})",
        FrameLoopEndKind.Truncated => $"closed mid-frame ({Detail})",
        FrameLoopEndKind.ConnectionReset => $"connection reset ({Detail})",
        FrameLoopEndKind.RemoteClosed => "closed by peer",
        FrameLoopEndKind.StoppedByHandler => "stopped",
        _ => "cancelled",
    };
}
