using System.Buffers.Binary;

namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// Pure builder and parser for Linux NETLINK_SOCK_DIAG messages: a dump request for TCP sockets
/// in chosen states, and the inet_diag_msg replies (local port and socket inode).
/// </summary>
public static class SockDiagMessages
{
    public const int NetlinkSockDiag = 4;
    public const ushort SockDiagByFamily = 20;
    public const ushort NlmsgDone = 3;
    public const ushort NlmsgError = 2;
    public const int RequestLength = 16 + 56;
    public const byte Inet = 2;
    public const byte Inet6 = 10;

    private const ushort RequestDump = 0x001 | 0x300; // NLM_F_REQUEST | NLM_F_DUMP
    private const byte IpProtoTcp = 6;

    // nlmsghdr (host order):   len u32 | type u16 | flags u16 | seq u32 | pid u32
    // inet_diag_req_v2:        family u8 | protocol u8 | ext u8 | pad u8 | states u32 |
    //                          sockid (sport be16 | dport be16 | src 16 | dst 16 | if u32 | cookie 8) = 48
    public static void WriteDumpRequest(Span<byte> destination, byte family, uint stateMask, uint sequence)
    {
        destination[..RequestLength].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination, RequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], SockDiagByFamily);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], RequestDump);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], sequence);
        destination[16] = family;
        destination[17] = IpProtoTcp;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], stateMask);
    }

    /// <summary>The state mask for one TCP state (1 = ESTABLISHED, 10 = LISTEN).</summary>
    public static uint StateMask(int state) => 1u << state;

    /// <summary>
    /// Reads one datagram of replies, calling <paramref name="onSocket"/> with (local port, state, inode)
    /// for each socket. Returns true when the dump is finished (done or error).
    /// </summary>
    // inet_diag_msg: family u8 | state u8 | timer u8 | retrans u8 | sockid 48 (sport be16 first) |
    //                expires u32 | rqueue u32 | wqueue u32 | uid u32 | inode u32
    public static bool Parse(ReadOnlySpan<byte> datagram, Action<int, int, long> onSocket)
    {
        ArgumentNullException.ThrowIfNull(onSocket);
        var offset = 0;
        while (datagram.Length - offset >= 16)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram[offset..]);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(datagram[(offset + 4)..]);
            if (length < 16 || length > datagram.Length - offset)
                return true;
            if (type is NlmsgDone or NlmsgError)
                return true;
            var body = datagram.Slice(offset + 16, length - 16);
            if (type == SockDiagByFamily && body.Length >= 72)
            {
                var state = body[1];
                var port = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                var inode = BinaryPrimitives.ReadUInt32LittleEndian(body[68..]);
                onSocket(port, state, inode);
            }
            offset += (length + 3) & ~3;
        }
        return false;
    }
}
