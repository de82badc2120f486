using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// Counts a process's established TCP connections through NETLINK_SOCK_DIAG, which asks the
/// kernel for established sockets only. Reading /proc/net/tcp makes the kernel walk its whole
/// connection table and format every line, which costs milliseconds on large-memory hosts even
/// when there are few sockets. Falls back (returns false) when netlink is not available.
/// </summary>
internal sealed class SockDiagReader : IDisposable
{
    private readonly byte[] _request = new byte[SockDiagMessages.RequestLength];
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Socket? _socket;
    private bool _unavailable;
    private uint _sequence;

    public bool TryCountEstablished(IReadOnlySet<long> inodes, int? port, out int established, out int onPort)
    {
        established = 0;
        onPort = 0;
        if (_unavailable)
            return false;
        try
        {
            _socket ??= Open();
            var total = 0;
            var local = 0;
            foreach (var family in new[] { SockDiagMessages.Inet, SockDiagMessages.Inet6 })
            {
                SockDiagMessages.WriteDumpRequest(_request, family, SockDiagMessages.StateMask(TcpSocketEntry.Established), ++_sequence);
                _socket.Send(_request);
                var done = false;
                while (!done)
                {
                    var received = _socket.Receive(_buffer);
                    done = received == 0 || SockDiagMessages.Parse(_buffer.AsSpan(0, received), (localPort, state, inode) =>
                    {
                        if (state != TcpSocketEntry.Established || !inodes.Contains(inode))
                            return;
                        total++;
                        if (localPort == port)
                            local++;
                    });
                }
            }
            established = total;
            onPort = local;
            return true;
        }
        catch (Exception ex) when (ex is SocketException or NotSupportedException or PlatformNotSupportedException or ObjectDisposedException)
        {
            // No netlink here (or it broke): use /proc from now on.
            _unavailable = true;
            Dispose();
            return false;
        }
    }

    // System.Net.Sockets cannot create an AF_NETLINK socket, but it can drive one made by libc.
    private static Socket Open()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException();
        var fd = NativeMethods.socket(AfNetlink, SockRaw | SockCloexec, SockDiagMessages.NetlinkSockDiag);
        if (fd < 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true)) { ReceiveTimeout = 1000, SendTimeout = 1000 };
    }

    private const int AfNetlink = 16;
    private const int SockRaw = 3;
    private const int SockCloexec = 0x80000;

    public void Dispose()
    {
        _socket?.Dispose();
        _socket = null;
    }
}

internal static class NativeMethods
{
    // DllImport rather than LibraryImport: the signature is blittable and Core stays free of unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int socket(int domain, int type, int protocol);
#pragma warning restore SYSLIB1054
}
