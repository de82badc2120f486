using System.Net;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// The loop where there is no epoll (or with <c>LOADTEST_IO=portable</c>): timers and bot code
/// run on the loop thread as on Linux, while sockets use the runtime's asynchronous I/O and hand
/// each read to the loop. Correct everywhere, and cheaper than a task per bot, but each read
/// costs a hop to the loop.
/// </summary>
internal sealed class PortableLoop : EventLoop
{
    private readonly AutoResetEvent _signal = new(false);
    private readonly Lock _wakeGate = new();
    private bool _released;
    private byte[] _receiveBuffer = new byte[64 * 1024];

    public PortableLoop(string name) : base(name) => StartThread();

    public override LoopConnection Connect(IPEndPoint remote, IPAddress? local, IConnectionOwner owner, FrameCodec codec)
    {
        var connection = new PortableConnection(this, owner, codec);
        connection.Begin(remote, local);
        return connection;
    }

    /// <summary>The loop's buffer for putting an unfinished frame's bytes and a read together (loop thread).</summary>
    internal byte[] ReceiveBuffer(int length)
    {
        if (_receiveBuffer.Length < length)
            _receiveBuffer = new byte[Math.Max(length, _receiveBuffer.Length * 2)];
        return _receiveBuffer;
    }

    internal void OnRead() => CountRead();

    internal void ReportFault(Exception ex) => Fault(ex);

    protected override void WaitForEvents(int timeoutMs)
    {
        _signal.WaitOne(timeoutMs);
        CountWait();
    }

    protected override void Wake()
    {
        lock (_wakeGate)
        {
            if (!_released)
                _signal.Set();
        }
    }

    protected override void ReleaseHandles()
    {
        lock (_wakeGate)
        {
            _released = true;
            _signal.Dispose();
        }
    }
}
