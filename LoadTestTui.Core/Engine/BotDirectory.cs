using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// Bots by id (from the run's first id: 1, or an agent's share of a cluster), readable from any thread without a lock: receivers look up a
/// sender's send log here on every delivery. Storage is chunked so growing never copies
/// or moves a published slot.
/// </summary>
internal sealed class BotDirectory(int firstId = 1)
{
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = 1024; // a million bots

    private readonly Bot?[]?[] _chunks = new Bot?[]?[MaxChunks];
    private int _count;

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
}
