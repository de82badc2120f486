using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// The Linux system calls the epoll loop makes, and their constants (the same on x86-64 and
/// arm64). Sockets are plain non-blocking descriptors owned by one loop thread, so a read is
/// one <c>recv</c> with no runtime machinery around it.
/// </summary>
internal static unsafe partial class Libc
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStream = 1;
    public const int SockNonBlock = 0x800;
    public const int SockCloExec = 0x80000;
    public const int IpProtoTcp = 6;
    public const int TcpNoDelay = 1;
    public const int SolSocket = 1;
    public const int SoError = 4;
    public const int MsgDontWait = 0x40;
    public const int MsgNoSignal = 0x4000;

    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const int EpollCtlMod = 3;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollRdHup = 0x2000;
    public const int EpollCloExec = 0x80000;
    public const int EfdNonBlock = 0x800;
    public const int EfdCloExec = 0x80000;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EInProgress = 115;

    /// <summary>x86-64 packs <c>struct epoll_event</c> to 12 bytes; other architectures align its 64-bit data to 16.</summary>
    public static readonly bool PackedEpollEvent = RuntimeInformation.ProcessArchitecture == Architecture.X64;
    public static readonly int EpollEventSize = PackedEpollEvent ? 12 : 16;
    private static readonly int EpollDataOffset = PackedEpollEvent ? 4 : 8;

    public static uint EventsAt(byte* events, int index) => *(uint*)(events + index * EpollEventSize);

    public static ulong DataAt(byte* events, int index) => Unsafe.ReadUnaligned<ulong>(events + index * EpollEventSize + EpollDataOffset);

    /// <summary>epoll_ctl with one event built in place.</summary>
    public static int EpollControl(int epoll, int op, int fd, uint events, ulong data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        Unsafe.WriteUnaligned(ev + EpollDataOffset, data);
        return EpollCtl(epoll, op, fd, ev);
    }

    public static int Errno => Marshal.GetLastPInvokeError();

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, int* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, int* value, int* length);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    public static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtl(int epoll, int op, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initial, int flags);
}
