namespace LoadTestTui.Core.Server;

/// <summary>The server's hot counters: plain fields bumped with <see cref="Interlocked"/>, read into <see cref="ServerStats"/>.</summary>
internal sealed class ServerCounters
{
    public int SessionsOpen;
    public long SessionsAccepted;
    public long SessionsRejected;
    public long FramesIn;
    public long FramesOut;
    public long BytesIn;
    public long BytesOut;
    public long Chats;
    public long Pings;
    public long Heartbeats;
    public long ProtocolErrors;
    public long UnexpectedPackets;
    public long SlowConsumersDropped;

    public ServerStats Snapshot(int usersRegistered, long queuedBytes) => new(
        Volatile.Read(ref SessionsOpen),
        usersRegistered,
        Interlocked.Read(ref SessionsAccepted),
        Interlocked.Read(ref SessionsRejected),
        Interlocked.Read(ref FramesIn),
        Interlocked.Read(ref FramesOut),
        Interlocked.Read(ref BytesIn),
        Interlocked.Read(ref BytesOut),
        Interlocked.Read(ref Chats),
        Interlocked.Read(ref Pings),
        Interlocked.Read(ref Heartbeats),
        Interlocked.Read(ref ProtocolErrors),
        Interlocked.Read(ref UnexpectedPackets),
        Interlocked.Read(ref SlowConsumersDropped),
        queuedBytes);
}
