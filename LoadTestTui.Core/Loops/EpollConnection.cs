using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>A non-blocking socket in an <see cref="EpollLoop"/>'s epoll set (loop thread only).</summary>
internal sealed unsafe class EpollConnection : LoopConnection
{
    private const uint ReadEvents = Libc.EpollIn | Libc.EpollRdHup;

    /// <summary>Reads per readiness event before the next socket's turn; a read that fills the buffer is tried again.</summary>
    private const int MaxReadsPerEvent = 4;

    private readonly EpollLoop _loop;
    private int _fd = -1;
    private ulong _token;
    private bool _registered;
    private readonly SendBacklog _unsent = new();

    public EpollConnection(EpollLoop loop, IConnectionOwner owner, FrameCodec codec) : base(loop, owner, codec) => _loop = loop;

    /// <summary>Starts a non-blocking connect; it may end (either way) before this returns.</summary>
    public void Begin(IPEndPoint remote, IPAddress? local)
    {
        var address = stackalloc byte[SockAddr.MaxSize];
        var length = SockAddr.Write(remote.Address, remote.Port, new Span<byte>(address, SockAddr.MaxSize));
        if (length == 0)
        {
            ConnectFailed(SocketError.AddressFamilyNotSupported);
            return;
        }
        _fd = Libc.Socket(length == 16 ? Libc.AfInet : Libc.AfInet6, Libc.SockStream | Libc.SockNonBlock | Libc.SockCloExec, Libc.IpProtoTcp);
        if (_fd < 0)
        {
            ConnectFailed(Errno.ToSocketError(Libc.Errno));
            return;
        }
        var one = 1;
        Libc.SetSockOpt(_fd, Libc.IpProtoTcp, Libc.TcpNoDelay, &one, sizeof(int));
        if (local is not null)
        {
            var bound = stackalloc byte[SockAddr.MaxSize];
            var boundLength = SockAddr.Write(local, 0, new Span<byte>(bound, SockAddr.MaxSize));
            if (boundLength != length || Libc.Bind(_fd, bound, boundLength) != 0)
            {
                ConnectFailed(boundLength != length ? SocketError.AddressFamilyNotSupported : Errno.ToSocketError(Libc.Errno));
                return;
            }
        }
        var connected = Libc.Connect(_fd, address, length) == 0;
        if (!connected)
        {
            var errno = Libc.Errno;
            if (errno != Libc.EInProgress)
            {
                ConnectFailed(Errno.ToSocketError(errno));
                return;
            }
        }
        _token = _loop.Register(this);
        _registered = true;
        if (Libc.EpollControl(_loop.Epoll, Libc.EpollCtlAdd, _fd, connected ? ReadEvents : Libc.EpollOut, _token) != 0)
        {
            ConnectFailed(Errno.ToSocketError(Libc.Errno));
            return;
        }
        if (connected)
            Opened();
    }

    /// <summary>What epoll reported for this socket.</summary>
    public void OnEvents(uint events)
    {
        if (State == ConnectionState.Connecting)
        {
            FinishConnect();
            return;
        }
        if (State != ConnectionState.Open)
            return;
        if ((events & Libc.EpollOut) != 0)
        {
            Flush();
            if (State != ConnectionState.Open)
                return;
        }
        if ((events & (ReadEvents | Libc.EpollHup | Libc.EpollErr)) != 0)
            Receive();
    }

    public override bool Send(ReadOnlySpan<byte> frame)
    {
        if (State != ConnectionState.Open)
            return false;
        var sent = 0;
        if (_unsent.Length == 0)
        {
            sent = SendNow(frame);
            if (sent < 0)
                return false;
            if (sent == frame.Length)
                return true;
        }
        return Queue(frame[sent..]);
    }

    protected override void Teardown()
    {
        if (_fd >= 0)
        {
            Libc.Close(_fd); // also leaves the epoll set
            _fd = -1;
        }
        if (_registered)
        {
            _loop.Unregister(_token);
            _registered = false;
        }
        _unsent.Release();
    }

    private void FinishConnect()
    {
        int error = 0, size = sizeof(int);
        if (Libc.GetSockOpt(_fd, Libc.SolSocket, Libc.SoError, &error, &size) != 0)
            error = Libc.Errno;
        if (error != 0)
        {
            ConnectFailed(Errno.ToSocketError(error));
            return;
        }
        if (Libc.EpollControl(_loop.Epoll, Libc.EpollCtlMod, _fd, ReadEvents, _token) != 0)
        {
            ConnectFailed(Errno.ToSocketError(Libc.Errno));
            return;
        }
        Opened();
    }

    private void Receive()
    {
        for (var read = 0; read < MaxReadsPerEvent && State == ConnectionState.Open; read++)
        {
            var pending = PendingLength;
            var buffer = _loop.ReceiveBuffer(pending);
            CopyPending(buffer);
            nint received;
            fixed (byte* start = buffer)
                received = Libc.Recv(_fd, start + pending, buffer.Length - pending, 0);
            if (received > 0)
            {
                _loop.OnRead();
                if (!Deliver(buffer, pending + (int)received) || received < buffer.Length - pending)
                    return; // ended, or the socket is drained for now
                continue;
            }
            if (received == 0)
            {
                EndOfStream();
                return;
            }
            var errno = Libc.Errno;
            if (errno == Libc.EAgain)
                return;
            if (errno != Libc.EIntr)
            {
                Failed(Errno.ToSocketError(errno));
                return;
            }
        }
    }

    /// <summary>Sends what the kernel takes now: the count (0 when it takes nothing), or -1 when the socket failed (the connection has ended).</summary>
    private int SendNow(ReadOnlySpan<byte> bytes)
    {
        while (true)
        {
            nint sent;
            fixed (byte* start = bytes)
                sent = Libc.Send(_fd, start, bytes.Length, Libc.MsgNoSignal | Libc.MsgDontWait);
            if (sent >= 0)
                return (int)sent;
            var errno = Libc.Errno;
            if (errno == Libc.EAgain)
                return 0;
            if (errno != Libc.EIntr)
            {
                Failed(Errno.ToSocketError(errno));
                return -1;
            }
        }
    }

    private bool Queue(ReadOnlySpan<byte> rest)
    {
        var wasEmpty = _unsent.Length == 0;
        if (!_unsent.TryAppend(rest))
        {
            Ended(new FrameLoopEnd(FrameLoopEndKind.ConnectionReset, Detail: $"send queue full ({_unsent.Length} bytes): the server is not reading"));
            return false;
        }
        if (wasEmpty && Libc.EpollControl(_loop.Epoll, Libc.EpollCtlMod, _fd, ReadEvents | Libc.EpollOut, _token) != 0)
        {
            Failed(Errno.ToSocketError(Libc.Errno));
            return false;
        }
        return true;
    }

    private void Flush()
    {
        if (_unsent.Length == 0)
            return;
        var sent = SendNow(_unsent.Pending);
        if (sent < 0)
            return;
        _unsent.Consume(sent);
        if (_unsent.Length == 0 && Libc.EpollControl(_loop.Epoll, Libc.EpollCtlMod, _fd, ReadEvents, _token) != 0)
            Failed(Errno.ToSocketError(Libc.Errno));
    }
}
