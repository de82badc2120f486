namespace LoadTestTui.Core.Monitoring;

/// <summary>Bytes through all network interfaces since boot.</summary>
public readonly record struct NetworkTotals(long BytesSent, long BytesReceived);

/// <summary>Parses /proc/net/dev and sums every interface, loopback included (as psutil does).</summary>
public static class ProcNetDevParser
{
    // Inter-|   Receive                                                |  Transmit
    //  face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets ...
    //     lo: 1234       12    0    0    0     0          0         0     1234      12 ...
    // Receive bytes is the first column after the colon, transmit bytes the ninth.
    public static bool TryParse(ReadOnlySpan<char> text, out NetworkTotals totals)
    {
        totals = default;
        long sent = 0, received = 0;
        var interfaces = 0;
        Span<Range> ranges = stackalloc Range[10];
        foreach (var line in text.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].Contains('|'))
                continue;
            var counters = line[(colon + 1)..];
            if (counters.Split(ranges, ' ', StringSplitOptions.RemoveEmptyEntries) < 9)
                continue;
            if (!long.TryParse(counters[ranges[0]], out var rx) || !long.TryParse(counters[ranges[8]], out var tx))
                continue;
            received += rx;
            sent += tx;
            interfaces++;
        }
        if (interfaces == 0)
            return false;
        totals = new NetworkTotals(sent, received);
        return true;
    }
}
