using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace LoadTestTui.Core.Loops;

/// <summary>Writes Linux's <c>sockaddr_in</c> / <c>sockaddr_in6</c> for an endpoint.</summary>
internal static class SockAddr
{
    public const int MaxSize = 28;

    /// <summary>Fills <paramref name="target"/> (at least <see cref="MaxSize"/> bytes); returns the length to pass, or 0 for an unsupported family.</summary>
    public static int Write(IPAddress address, int port, Span<byte> target)
    {
        target[..MaxSize].Clear();
        switch (address.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                // family (host order), port (network order), address, 8 bytes of zero
                BitConverter.TryWriteBytes(target, (ushort)Libc.AfInet);
                BinaryPrimitives.WriteUInt16BigEndian(target[2..], (ushort)port);
                address.TryWriteBytes(target.Slice(4, 4), out _);
                return 16;
            case AddressFamily.InterNetworkV6:
                // family, port, flow info, address, scope id
                BitConverter.TryWriteBytes(target, (ushort)Libc.AfInet6);
                BinaryPrimitives.WriteUInt16BigEndian(target[2..], (ushort)port);
                address.TryWriteBytes(target.Slice(8, 16), out _);
                BitConverter.TryWriteBytes(target[24..], (uint)address.ScopeId);
                return 28;
            default:
                return 0;
        }
    }
}
