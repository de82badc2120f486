namespace LoadTestTui.Core.Loops;

public enum ConnectionState
{
    /// <summary>The TCP handshake is under way.</summary>
    Connecting,

    /// <summary>Connected: frames are read and sends go out.</summary>
    Open,

    /// <summary>Failed to connect, ended by the peer or an error, or closed by us; see <see cref="LoopConnection.End"/>.</summary>
    Ended,
}
