namespace LoadTestTui.Core.Monitoring;

/// <summary>One socket line of /proc/net/tcp or tcp6: local port, TCP state and the socket's inode.</summary>
public readonly record struct TcpSocketEntry(int LocalPort, int State, long Inode)
{
    public const int Established = 0x01;
    public const int Listen = 0x0A;
}

/// <summary>Parses /proc/net/tcp and /proc/net/tcp6 (the same layout; tcp6 has 32-digit addresses).</summary>
public static class ProcNetTcpParser
{
    //   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
    //    0: 0100007F:23F0 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41235 1 ...
    // Ports and the state are hex; the inode is decimal.
    public static bool TryParseLine(ReadOnlySpan<char> line, out TcpSocketEntry entry)
    {
        entry = default;
        Span<Range> ranges = stackalloc Range[11];
        if (line.Split(ranges, ' ', StringSplitOptions.RemoveEmptyEntries) < 10 || !line[ranges[0]].EndsWith(':'))
            return false;
        var local = line[ranges[1]];
        var colon = local.LastIndexOf(':');
        if (colon < 0
            || !int.TryParse(local[(colon + 1)..], System.Globalization.NumberStyles.HexNumber, null, out var port)
            || !int.TryParse(line[ranges[3]], System.Globalization.NumberStyles.HexNumber, null, out var state)
            || !long.TryParse(line[ranges[9]], out var inode))
            return false;
        entry = new TcpSocketEntry(port, state, inode);
        return true;
    }

    /// <summary>The inode of the socket listening on <paramref name="port"/>, or 0 when none is.</summary>
    public static long FindListeningInode(ReadOnlySpan<char> text, int port)
    {
        foreach (var line in text.EnumerateLines())
        {
            if (TryParseLine(line, out var entry) && entry.State == TcpSocketEntry.Listen && entry.LocalPort == port && entry.Inode != 0)
                return entry.Inode;
        }
        return 0;
    }

    /// <summary>
    /// Counts established connections whose socket inode is in <paramref name="inodes"/>, and among
    /// them those whose local port is <paramref name="port"/> (when one is given).
    /// </summary>
    public static (int Established, int OnPort) CountEstablished(ReadOnlySpan<char> text, IReadOnlySet<long> inodes, int? port)
    {
        int established = 0, onPort = 0;
        foreach (var line in text.EnumerateLines())
        {
            if (!TryParseLine(line, out var entry) || entry.State != TcpSocketEntry.Established || !inodes.Contains(entry.Inode))
                continue;
            established++;
            if (entry.LocalPort == port)
                onPort++;
        }
        return (established, onPort);
    }

    /// <summary>Reads "socket:[12345]", the link text of a socket file descriptor; false for anything else.</summary>
    public static bool TryParseSocketLink(ReadOnlySpan<char> link, out long inode)
    {
        inode = 0;
        return link.StartsWith("socket:[", StringComparison.Ordinal) && link.EndsWith(']')
            && long.TryParse(link[8..^1], out inode);
    }
}
