using System.Runtime.InteropServices;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

internal sealed partial class Bot : IPacketHandler
{
    private TrafficCounters _traffic;

    // Receive state: touched only by this bot's read loop, so no lock.
    private Dictionary<int, SenderOrder>? _senders;
    private int _reconnects;
    private long _rttLastUs;
    private long _rttMinUs = long.MaxValue;
    private long _rttMaxUs;
    private long _rttSumUs;
    private long _rttCount;

    public string? LastError { get; private set; }

    /// <summary>Adds this bot's traffic to a run total (called by the engine's tick).</summary>
    public void AddTrafficTo(ref TrafficCounters total) => _traffic.AddTo(ref total);

    public bool OnPacket(in Packet packet)
    {
        _traffic.FramesReceived++;
        _traffic.BytesReceived += packet.FrameLength;
        switch (packet.Type)
        {
            case PacketType.AnsUserList:
                _registered.TrySetResult(); // later lists (a long list is split) add nothing we track
                break;
            case PacketType.AnsChatting:
                OnChat(packet.Name!, packet.Text!);
                break;
            case PacketType.AnsPong:
                _traffic.PongsReceived++;
                if (Volatile.Read(ref _replies)?.TryComplete(isPing: true, packet.Sequence, out var pingSent) == true)
                    _run.PingRtt.Record(MonoClock.MicrosecondsSince(pingSent));
                break;
            case PacketType.AnsNewUserNotify or PacketType.AnsExitUser:
                break;
            case PacketType.AnsExit when _stopRequested:
                _exitAnswered.TrySetResult();
                break;
            default:
                CountUnexpected(packet.Type);
                break;
        }
        return true;
    }

    private void OnChat(string name, string text)
    {
        _traffic.MessagesReceived++;
        var replies = Volatile.Read(ref _replies);
        long sentTicks;
        if (!ChatTag.TryParse(text, out var runId, out var senderId, out var sequence) || !runId.SequenceEqual(_run.RunId))
        {
            if (name == Name && replies is not null && replies.TryCompleteText(text, out sentTicks))
                RecordEcho(sentTicks);
            else
                _traffic.DeliveryUntagged++;
            return;
        }
        if (senderId == Id)
        {
            if (replies is not null && replies.TryComplete(isPing: false, sequence, out sentTicks))
                RecordEcho(sentTicks);
            return;
        }
        var sender = _run.Bots.Get(senderId);
        if (sender is null)
        {
            // A tag naming no bot of ours: bounded by the directory, never a new tracking slot.
            _traffic.DeliveryUntagged++;
            return;
        }
        _traffic.DeliveryReceived++;
        if (sender.SendLog is { } log && log.TryGet(sequence, out sentTicks))
            _run.FanOut.Record(MonoClock.MicrosecondsSince(sentTicks));

        _senders ??= [];
        ref var order = ref CollectionsMarshal.GetValueRefOrAddDefault(_senders, senderId, out var known);
        switch (order.Observe(sequence, !known, out var gap))
        {
            case Arrival.InOrder when gap > 0:
                _traffic.DeliveryLost += gap;
                break;
            case Arrival.LateFill:
                _traffic.DeliveryLost--;
                _traffic.DeliveryOutOfOrder++;
                break;
            case Arrival.Duplicate:
                _traffic.DeliveryDuplicated++;
                break;
            case Arrival.TooOld:
                _traffic.DeliveryOutOfOrder++;
                break;
        }
    }

    private void RecordEcho(long sentTicks)
    {
        var micros = MonoClock.MicrosecondsSince(sentTicks);
        _run.ChatRtt.Record(micros);
        _rttLastUs = micros;
        _rttMinUs = Math.Min(_rttMinUs, micros);
        _rttMaxUs = Math.Max(_rttMaxUs, micros);
        _rttSumUs += micros;
        _rttCount++;
    }

    private void CountUnexpected(PacketType type)
    {
        _run.Counters.Error(ErrorKind.UnexpectedPacket);
        LastError = $"{ErrorKind.UnexpectedPacket.Name()}: packet type {(long)type}";
        _run.Events.Add(EventLevel.Warning, $"{Name}: unexpected packet type {(long)type}");
    }

    private void ResetReceiveState()
    {
        // Deliveries missed while this bot was offline were never owed to it: start counting afresh.
        _senders?.Clear();
        Volatile.Read(ref _replies)?.Clear();
    }

    public BotRow ToRow()
    {
        var count = _rttCount;
        return new BotRow(
            Id,
            Name,
            State,
            Volatile.Read(ref _traffic.MessagesSent),
            Volatile.Read(ref _traffic.MessagesReceived),
            Volatile.Read(ref _reconnects),
            LastError,
            count == 0 ? double.NaN : _rttLastUs / 1000.0,
            count == 0 ? double.NaN : _rttMinUs / 1000.0,
            count == 0 ? double.NaN : _rttSumUs / 1000.0 / count,
            count == 0 ? double.NaN : _rttMaxUs / 1000.0)
        {
            Connected = Volatile.Read(ref _connection) is not null,
            PendingPings = Volatile.Read(ref _replies)?.PendingPings ?? 0,
        };
    }
}
