using System.Net.Sockets;

namespace LoadTestTui.Core.Loops;

/// <summary>Linux errno values as the <see cref="SocketError"/> the rest of the tool classifies (the epoll loop sees raw errno).</summary>
internal static class Errno
{
    public static SocketError ToSocketError(int errno) => errno switch
    {
        0 => SocketError.Success,
        4 => SocketError.Interrupted,
        11 => SocketError.WouldBlock,
        13 => SocketError.AccessDenied,
        23 or 24 => SocketError.TooManyOpenSockets,
        32 => SocketError.Shutdown,
        97 => SocketError.AddressFamilyNotSupported,
        98 => SocketError.AddressAlreadyInUse,
        99 => SocketError.AddressNotAvailable,
        100 => SocketError.NetworkDown,
        101 => SocketError.NetworkUnreachable,
        103 => SocketError.ConnectionAborted,
        104 => SocketError.ConnectionReset,
        105 => SocketError.NoBufferSpaceAvailable,
        110 => SocketError.TimedOut,
        111 => SocketError.ConnectionRefused,
        112 => SocketError.HostDown,
        113 => SocketError.HostUnreachable,
        115 => SocketError.InProgress,
        _ => SocketError.SocketError,
    };
}
