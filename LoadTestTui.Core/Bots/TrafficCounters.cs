namespace LoadTestTui.Core.Bots;

/// <summary>
/// One bot's traffic counters, summed by the engine once per tick. Each bot owns its own, so
/// thousands of bots on two cores never fight over one cache line. Every field has a single
/// writer, the bot's loop thread (its sends and its frames alike), so they are plain increments;
/// the tick reads them with <see cref="Volatile"/>.
/// </summary>
internal struct TrafficCounters
{
    public long FramesSent;
    public long BytesSent;
    public long MessagesSent;
    public long PingsSent;
    public long DeliveryExpected;

    public long FramesReceived;
    public long BytesReceived;
    public long MessagesReceived;
    public long PongsReceived;
    public long DeliveryReceived;
    public long DeliveryAudited;
    public long DeliveryLost;
    public long DeliveryDuplicated;
    public long DeliveryOutOfOrder;
    public long DeliveryUntagged;
    public long DeliveryRemote;

    public void AddTo(ref TrafficCounters total)
    {
        total.FramesSent += Volatile.Read(ref FramesSent);
        total.BytesSent += Volatile.Read(ref BytesSent);
        total.MessagesSent += Volatile.Read(ref MessagesSent);
        total.PingsSent += Volatile.Read(ref PingsSent);
        total.DeliveryExpected += Volatile.Read(ref DeliveryExpected);
        total.FramesReceived += Volatile.Read(ref FramesReceived);
        total.BytesReceived += Volatile.Read(ref BytesReceived);
        total.MessagesReceived += Volatile.Read(ref MessagesReceived);
        total.PongsReceived += Volatile.Read(ref PongsReceived);
        total.DeliveryReceived += Volatile.Read(ref DeliveryReceived);
        total.DeliveryAudited += Volatile.Read(ref DeliveryAudited);
        total.DeliveryLost += Volatile.Read(ref DeliveryLost);
        total.DeliveryDuplicated += Volatile.Read(ref DeliveryDuplicated);
        total.DeliveryOutOfOrder += Volatile.Read(ref DeliveryOutOfOrder);
        total.DeliveryUntagged += Volatile.Read(ref DeliveryUntagged);
        total.DeliveryRemote += Volatile.Read(ref DeliveryRemote);
    }
}
