namespace LoadTestTui.Core.Bots;

/// <summary>
/// A bot's recent chat send times by sequence, written by the bot and read by every receiver
/// to compute one-way fan-out latency. A seqlock-style check (sequence read before and after
/// the time) makes a torn or overwritten slot read as absent rather than wrong.
/// </summary>
public sealed class SendLog
{
    private const int Size = 32;
    private readonly long[] _ticks = new long[Size];
    private readonly uint[] _sequences = new uint[Size];

    public void Record(uint sequence, long ticks)
    {
        var slot = (int)(sequence % Size);
        Volatile.Write(ref _sequences[slot], 0);
        Volatile.Write(ref _ticks[slot], ticks);
        Volatile.Write(ref _sequences[slot], sequence);
    }

    public bool TryGet(uint sequence, out long ticks)
    {
        var slot = (int)(sequence % Size);
        ticks = 0;
        if (sequence == 0 || Volatile.Read(ref _sequences[slot]) != sequence)
            return false;
        ticks = Volatile.Read(ref _ticks[slot]);
        return Volatile.Read(ref _sequences[slot]) == sequence;
    }
}
