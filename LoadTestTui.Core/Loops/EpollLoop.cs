using System.Net;
using System.Runtime.InteropServices;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// The Linux loop: one epoll set (level-triggered) for its sockets and an eventfd for wake-ups.
/// One <c>epoll_wait</c> hands it every ready socket at once; each is read with one <c>recv</c>
/// into the loop's pinned buffer, and its frames are handled before the next.
/// </summary>
internal sealed unsafe class EpollLoop : EventLoop
{
    private const int MaxEvents = 512;
    private const ulong WakeToken = ulong.MaxValue;

    /// <summary>Room a read always gets after an unfinished frame's bytes.</summary>
    private const int MinReadSpace = 16 * 1024;

    private readonly int _epoll;
    private readonly int _wakeFd;
    private readonly byte* _events;
    private byte[] _receiveBuffer = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);
    private EpollConnection?[] _slots = new EpollConnection?[64];
    private uint[] _generations = new uint[64];
    private readonly Stack<int> _free = new();
    private readonly Lock _wakeGate = new();
    private bool _released;
    private int _used;

    public EpollLoop(string name) : base(name)
    {
        _epoll = Libc.EpollCreate(Libc.EpollCloExec);
        if (_epoll < 0)
            throw new IOException($"epoll_create1 failed: errno {Libc.Errno}");
        _wakeFd = Libc.EventFd(0, Libc.EfdNonBlock | Libc.EfdCloExec);
        if (_wakeFd < 0 || Libc.EpollControl(_epoll, Libc.EpollCtlAdd, _wakeFd, Libc.EpollIn, WakeToken) != 0)
            throw new IOException($"eventfd failed: errno {Libc.Errno}");
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * Libc.EpollEventSize));
        StartThread();
    }

    internal int Epoll => _epoll;

    public override LoopConnection Connect(IPEndPoint remote, IPAddress? local, IConnectionOwner owner, FrameCodec codec)
    {
        var connection = new EpollConnection(this, owner, codec);
        connection.Begin(remote, local);
        return connection;
    }

    /// <summary>The loop's pinned read buffer, at least <paramref name="pending"/> bytes plus room for a read.</summary>
    internal byte[] ReceiveBuffer(int pending)
    {
        if (_receiveBuffer.Length < pending + MinReadSpace)
            _receiveBuffer = GC.AllocateUninitializedArray<byte>(pending + MinReadSpace * 4, pinned: true);
        return _receiveBuffer;
    }

    internal void OnRead() => CountRead();

    /// <summary>A token for epoll's data field: slot in the low half, the slot's generation in the high half, so a stale event finds nobody.</summary>
    internal ulong Register(EpollConnection connection)
    {
        if (!_free.TryPop(out var slot))
        {
            if (_used == _slots.Length)
            {
                Array.Resize(ref _slots, _slots.Length * 2);
                Array.Resize(ref _generations, _generations.Length * 2);
            }
            slot = _used++;
        }
        _slots[slot] = connection;
        return (ulong)_generations[slot] << 32 | (uint)slot;
    }

    internal void Unregister(ulong token)
    {
        var slot = (int)(uint)token;
        _slots[slot] = null;
        _generations[slot]++;
        _free.Push(slot);
    }

    protected override void WaitForEvents(int timeoutMs)
    {
        var count = Libc.EpollWait(_epoll, _events, MaxEvents, timeoutMs);
        if (count < 0)
        {
            var errno = Libc.Errno;
            if (errno == Libc.EIntr)
                return;
            throw new IOException($"epoll_wait failed: errno {errno}");
        }
        CountWait();
        for (var i = 0; i < count; i++)
        {
            var token = Libc.DataAt(_events, i);
            if (token == WakeToken)
            {
                ulong value;
                Libc.Read(_wakeFd, (byte*)&value, sizeof(ulong));
                continue;
            }
            var slot = (int)(uint)token;
            if (slot >= _used || _generations[slot] != (uint)(token >> 32) || _slots[slot] is not { } connection)
                continue; // closed earlier in this batch
            try
            {
                connection.OnEvents(Libc.EventsAt(_events, i));
            }
            catch (Exception ex)
            {
                Fault(ex);
                connection.Abandon(ex);
            }
        }
    }

    protected override void Wake()
    {
        // Under the gate: once the loop has ended its eventfd is closed, and the number may already name another file.
        lock (_wakeGate)
        {
            if (_released)
                return;
            ulong one = 1;
            Libc.Write(_wakeFd, (byte*)&one, sizeof(ulong));
        }
    }

    protected override void ReleaseHandles()
    {
        lock (_wakeGate)
            _released = true;
        // Sockets still open when the loop ends are closed with it (Close unregisters, so copy first).
        foreach (var connection in _slots[.._used].OfType<EpollConnection>().ToArray())
            connection.Close();
        Libc.Close(_wakeFd);
        Libc.Close(_epoll);
        NativeMemory.Free(_events);
    }
}
