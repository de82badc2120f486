using LoadTestTui.Core.Loops;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

internal sealed partial class Bot
{
    /// <summary>A chat's tag is parsed from this many bytes at the end of its text: a longer tag cannot be ours.</summary>
    private const int TagTailBytes = 64;

    private TrafficCounters _traffic;

    // Receive state: touched only on this bot's loop, so no lock.
    private SenderTable? _audit;
    private byte[]? _nameBytes;
    private int _reconnects;
    private long _rttLastUs;
    private long _rttMinUs = long.MaxValue;
    private long _rttMaxUs;
    private long _rttSumUs;
    private long _rttCount;

    public string? LastError { get; private set; }

    /// <summary>Whether this bot keeps per-sender order state for the run's integrity audit (see <see cref="SenderTable"/>).</summary>
    public bool Audits => Id <= SenderTable.AuditReceivers;

    /// <summary>Adds this bot's traffic to a run total (called by the engine's tick).</summary>
    public void AddTrafficTo(ref TrafficCounters total) => _traffic.AddTo(ref total);

    /// <summary>
    /// Bytes arrived at <paramref name="receivedTicks"/>: the frames of that read are stamped with it
    /// (one clock read a read, not one a frame), for latencies and for the silence the registration
    /// and reply waits time out on.
    /// </summary>
    void IConnectionOwner.OnRead(long receivedTicks) => _lastReceivedTicks = receivedTicks;

    /// <summary>Handles one received frame in its wire form: ignored frames are counted and skipped, nothing is allocated.</summary>
    public bool OnFrame(in Frame frame)
    {
        _traffic.FramesReceived++;
        _traffic.BytesReceived += frame.Length;
        switch (frame.Type)
        {
            case PacketType.AnsUserList when !_registered:
                _registered = true; // later lists (a long list is split) add nothing we track
                _timer.Poke();
                break;
            case PacketType.AnsUserList:
                break;
            case PacketType.AnsChatting:
                OnChat(frame);
                break;
            case PacketType.AnsPong:
                _traffic.PongsReceived++;
                if (_replies?.TryComplete(isPing: true, frame.Sequence, out var pingSent) == true)
                    _run.PingRtt.Record(MonoClock.ToMicroseconds(_lastReceivedTicks - pingSent));
                break;
            case PacketType.AnsNewUserNotify or PacketType.AnsExitUser:
                break;
            case PacketType.AnsExit when _stopRequested:
                _exitAnswered = true;
                _timer.Poke();
                break;
            default:
                CountUnexpected(frame.Type);
                break;
        }
        return true;
    }

    private void OnChat(in Frame frame)
    {
        _traffic.MessagesReceived++;
        Span<byte> tail = stackalloc byte[TagTailBytes];
        tail = tail[..frame.CopyTextTail(tail)];
        if (!ChatTag.TryParse(tail, out var runId, out var senderId, out var sequence) || !runId.SequenceEqual(_run.RunIdBytes))
        {
            OnUntagged(frame);
            return;
        }
        long sentTicks;
        if (senderId == Id)
        {
            if (_replies is { } replies && replies.TryComplete(isPing: false, sequence, out sentTicks))
                RecordEcho(sentTicks);
            return;
        }
        var local = _run.Bots.Contains(senderId);
        if (!local && (uint)(senderId - 1) >= (uint)_options.ClusterBotIds)
        {
            // A tag naming no bot of ours or of our cluster: bounded by the id range, never a new tracking slot.
            _traffic.DeliveryUntagged++;
            return;
        }
        _traffic.DeliveryReceived++;
        if (!local)
            _traffic.DeliveryRemote++; // another agent's bot: its send time is not here, so no fan-out sample
        else if (_run.Bots.TryGetSend(senderId, sequence, out sentTicks))
            _run.FanOut.Record(MonoClock.ToMicroseconds(_lastReceivedTicks - sentTicks));
        if (Audits)
            Audit(senderId, sequence);
    }

    /// <summary>A chat without this run's tag: with --no-tag our own echo is matched by its text, anything else is counted untagged.</summary>
    private void OnUntagged(in Frame frame)
    {
        // Only --no-tag echoes decode the text (an allocation); tagged runs never get here for their own chats.
        if (!_options.Tagged && _replies is { } replies
            && frame.NameEquals(_nameBytes ??= _run.Codec.TextEncoding.GetBytes(Name))
            && replies.TryCompleteText(frame.DecodeText(), out var sentTicks))
        {
            RecordEcho(sentTicks);
            return;
        }
        _traffic.DeliveryUntagged++;
    }

    /// <summary>Lost / duplicated / out-of-order for one arrival, at an audit receiver.</summary>
    private void Audit(int senderId, uint sequence)
    {
        _traffic.DeliveryAudited++;
        ref var order = ref (_audit ??= new SenderTable()).For(senderId, _run.Bots.Count);
        switch (order.Observe(sequence, !order.Heard, out var gap))
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
        var micros = MonoClock.ToMicroseconds(_lastReceivedTicks - sentTicks);
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
        _audit?.Clear();
        _replies?.Clear();
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
