using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>Who a <see cref="LoopConnection"/> reports to: its frames, and every change of its state.</summary>
internal interface IConnectionOwner : IFrameHandler
{
    /// <summary>
    /// The connection opened, failed to open, or ended on its own (loop thread). The owner only
    /// takes note (a bot pokes its sleep); it must not close the connection from inside this call.
    /// </summary>
    void OnConnectionChanged();
}
