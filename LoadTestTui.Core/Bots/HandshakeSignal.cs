namespace LoadTestTui.Core.Bots;

/// <summary>Why the handshake window last shrank.</summary>
public enum HandshakeSignal : byte
{
    /// <summary>Never shrank: the window is still opening.</summary>
    None,

    /// <summary>A registration was answered slower than the target.</summary>
    Slow,

    /// <summary>A handshake failed (refused, timed out, reset before the user list).</summary>
    Failed,
}
