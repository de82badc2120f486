using System.Runtime.CompilerServices;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// Bots by id (from the run's first id: 1, or an agent's share of a cluster), and every bot's
/// recent chat send times, readable from any thread without a lock. Receivers look up a sender's
/// send time here on every delivery, for one-way fan-out latency: the times sit in one chunked
/// table indexed by bot and sequence, so a lookup touches one slot, not the sender's objects.
/// Storage is chunked so growing never copies or moves a published slot.
/// </summary>
internal sealed class BotDirectory(int firstId = 1)
{
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = 1024; // a million bots

    /// <summary>Send times kept per bot, by sequence modulo this: a delivery more than this many sends late gives no sample.</summary>
    public const int SendTimesPerBot = 32;

    private readonly Bot?[]?[] _chunks = new Bot?[]?[MaxChunks];
    private readonly SendTime[]?[] _sendTimes = new SendTime[]?[MaxChunks];
    private int _count;

    /// <summary>A sequence and when it was sent. Sequence 0 marks a slot being written (or never written).</summary>
    private struct SendTime
    {
        public uint Sequence;
        public long Ticks;
    }

    public int Count => Volatile.Read(ref _count);

    public static int Capacity => MaxChunks * ChunkSize;

    /// <summary>Adds the next bot (id = first id + Count). Called by the engine's control thread only.</summary>
    public void Add(Bot bot)
    {
        var index = _count;
        var chunk = _chunks[index >> ChunkBits] ??= new Bot?[ChunkSize];
        Volatile.Write(ref chunk[index & (ChunkSize - 1)], bot);
        Volatile.Write(ref _count, index + 1);
    }

    public Bot? Get(int id)
    {
        var index = id - firstId;
        if ((uint)index >= (uint)Count)
            return null;
        var chunk = Volatile.Read(ref _chunks[index >> ChunkBits]);
        return chunk is null ? null : Volatile.Read(ref chunk[index & (ChunkSize - 1)]);
    }

    /// <summary>Whether <paramref name="id"/> is a bot of this directory (added, so its slot is published).</summary>
    public bool Contains(int id) => (uint)(id - firstId) < (uint)Count;

    /// <summary>
    /// Records when bot <paramref name="id"/> sent chat <paramref name="sequence"/> (from 1); called by
    /// that bot only, before the send. Seqlock-style: the sequence is cleared while the time is
    /// written, so a reader never pairs a sequence with another send's time.
    /// </summary>
    public void RecordSend(int id, uint sequence, long ticks)
    {
        ref var slot = ref SendSlot(id - firstId, sequence, create: true);
        Volatile.Write(ref slot.Sequence, 0);
        Volatile.Write(ref slot.Ticks, ticks);
        Volatile.Write(ref slot.Sequence, sequence);
    }

    /// <summary>When bot <paramref name="id"/> sent chat <paramref name="sequence"/>; false when not recorded, overwritten by a later send or being written.</summary>
    public bool TryGetSend(int id, uint sequence, out long ticks)
    {
        ticks = 0;
        var index = id - firstId;
        if (sequence == 0 || (uint)index >= (uint)Count)
            return false;
        ref var slot = ref SendSlot(index, sequence, create: false);
        if (Unsafe.IsNullRef(ref slot) || Volatile.Read(ref slot.Sequence) != sequence)
            return false;
        ticks = Volatile.Read(ref slot.Ticks);
        return Volatile.Read(ref slot.Sequence) == sequence;
    }

    private ref SendTime SendSlot(int index, uint sequence, bool create)
    {
        ref var chunkRef = ref _sendTimes[index >> ChunkBits];
        var chunk = Volatile.Read(ref chunkRef);
        if (chunk is null)
        {
            if (!create)
                return ref Unsafe.NullRef<SendTime>();
            // Made on the first chat of any bot in the chunk: a run without chat never pays for it.
            chunk = Interlocked.CompareExchange(ref chunkRef, new SendTime[ChunkSize * SendTimesPerBot], null) ?? chunkRef!;
        }
        return ref chunk[(index & (ChunkSize - 1)) * SendTimesPerBot + (int)(sequence % SendTimesPerBot)];
    }
}
