using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>Who a <see cref="LoopConnection"/> reports to: its frames, and every change of its state.</summary>
internal interface IConnectionOwner : IFrameHandler
{
    /// <summary>A read brought bytes at <paramref name="receivedTicks"/> (MonoClock); the frames it holds follow (loop thread).</summary>
    void OnRead(long receivedTicks);

    /// <summary>
    /// The connection opened, failed to open, or ended on its own (loop thread). The owner only
    /// takes note (a bot pokes its sleep); it must not close the connection from inside this call.
    /// </summary>
    void OnConnectionChanged();
}
