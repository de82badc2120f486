namespace LoadTestTui.Core.Bots;

/// <summary>
/// A bot's chats and pings awaiting their echo or pong, with their send times. Small and
/// fixed: when full, the oldest entry gives way (its reply, if it ever comes, goes unmatched).
/// Touched only on the bot's loop thread (its sends and its frames), so it takes no lock;
/// <see cref="PendingPings"/> is also read by the engine's tick.
/// </summary>
internal sealed class PendingReplies
{
    private const int Slots = 16;
    private readonly Entry[] _entries = new Entry[Slots];

    private int _pings;

    private record struct Entry(bool IsPing, uint Sequence, long SentTicks, string? Text);

    /// <summary>Pings awaiting their pong; read from any thread (a snapshot reads it every tick).</summary>
    public int PendingPings => Volatile.Read(ref _pings);

    public void Add(bool isPing, uint sequence, long sentTicks, string? text)
    {
        var slot = 0;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].SentTicks == 0)
            {
                slot = i;
                break;
            }
            if (_entries[i].SentTicks < _entries[slot].SentTicks)
                slot = i;
        }
        Count(_entries[slot], -1);
        _entries[slot] = new Entry(isPing, sequence, sentTicks, text);
        Count(_entries[slot], +1);
    }

    /// <summary>Completes the chat (or ping) with this sequence; returns its send time.</summary>
    public bool TryComplete(bool isPing, uint sequence, out long sentTicks)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].SentTicks != 0 && _entries[i].IsPing == isPing && _entries[i].Sequence == sequence)
                return Take(i, out sentTicks);
        }
        sentTicks = 0;
        return false;
    }

    /// <summary>Completes the oldest untagged chat whose text the echo ends with (the server adds a prefix).</summary>
    public bool TryCompleteText(string echoed, out long sentTicks)
    {
        var found = -1;
        for (var i = 0; i < _entries.Length; i++)
        {
            var e = _entries[i];
            if (e.SentTicks != 0 && e.Text is not null && (found < 0 || e.SentTicks < _entries[found].SentTicks)
                && echoed.EndsWith(e.Text, StringComparison.Ordinal))
                found = i;
        }
        if (found >= 0)
            return Take(found, out sentTicks);
        sentTicks = 0;
        return false;
    }

    /// <summary>The send time of the oldest reply still awaited; 0 when none.</summary>
    public long OldestTicks()
    {
        long oldest = 0;
        foreach (var e in _entries)
        {
            if (e.SentTicks != 0 && (oldest == 0 || e.SentTicks < oldest))
                oldest = e.SentTicks;
        }
        return oldest;
    }

    public void Clear()
    {
        Array.Clear(_entries);
        Volatile.Write(ref _pings, 0);
    }

    private void Count(Entry entry, int change)
    {
        if (entry.SentTicks != 0 && entry.IsPing)
            Volatile.Write(ref _pings, _pings + change);
    }

    private bool Take(int index, out long sentTicks)
    {
        sentTicks = _entries[index].SentTicks;
        Count(_entries[index], -1);
        _entries[index] = default;
        return true;
    }
}
