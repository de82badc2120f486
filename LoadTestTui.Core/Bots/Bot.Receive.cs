using System.Runtime.InteropServices;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

internal sealed partial class Bot : IPacketHandler
{
    // Receive state: touched only by this bot's read loop, so no lock.
    private Dictionary<int, SenderOrder>? _senders;
    private long _messagesReceived;
    private int _reconnects;
    private long _rttLastUs;
    private long _rttMinUs = long.MaxValue;
    private long _rttMaxUs;
    private long _rttSumUs;
    private long _rttCount;

    public string? LastError { get; private set; }

    public bool OnPacket(in Packet packet)
    {
        Interlocked.Increment(ref _run.Counters.FramesReceived);
        Interlocked.Add(ref _run.Counters.BytesReceived, packet.FrameLength);
        switch (packet.Type)
        {
            case PacketType.AnsUserList:
                _registered.TrySetResult(); // later lists (a long list is split) add nothing we track
                break;
            case PacketType.AnsChatting:
                OnChat(packet.Name!, packet.Text!);
                break;
            case PacketType.AnsPong:
                OnPong(packet.Sequence);
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
        Interlocked.Increment(ref _messagesReceived);
        Interlocked.Increment(ref _run.Counters.MessagesReceived);
        var counters = _run.Counters;
        if (!ChatTag.TryParse(text, out var runId, out var senderId, out var sequence) || !runId.SequenceEqual(_run.RunId))
        {
            if (!(name == Name && TryCompleteEcho(text)))
                Interlocked.Increment(ref counters.DeliveryUntagged);
            return;
        }
        if (senderId == Id)
        {
            TryCompleteEcho(sequence);
            return;
        }
        var sender = _run.Bots.Get(senderId);
        if (sender is null)
        {
            // A tag naming no bot of ours: bounded by the directory, never a new tracking slot.
            Interlocked.Increment(ref counters.DeliveryUntagged);
            return;
        }
        Interlocked.Increment(ref counters.DeliveryReceived);
        if (sender.SendLog.TryGet(sequence, out var sentTicks))
            _run.FanOut.Record(MonoClock.MicrosecondsSince(sentTicks));

        _senders ??= [];
        ref var order = ref CollectionsMarshal.GetValueRefOrAddDefault(_senders, senderId, out var known);
        switch (order.Observe(sequence, !known, out var gap))
        {
            case Arrival.InOrder when gap > 0:
                Interlocked.Add(ref counters.DeliveryLost, gap);
                break;
            case Arrival.LateFill:
                Interlocked.Decrement(ref counters.DeliveryLost);
                Interlocked.Increment(ref counters.DeliveryOutOfOrder);
                break;
            case Arrival.Duplicate:
                Interlocked.Increment(ref counters.DeliveryDuplicated);
                break;
            case Arrival.TooOld:
                Interlocked.Increment(ref counters.DeliveryOutOfOrder);
                break;
        }
    }

    /// <summary>A tagged echo: matched to the exact message by its sequence.</summary>
    private bool TryCompleteEcho(uint sequence) => CompletePending(p => !p.IsPing && p.Sequence == sequence, isPing: false);

    /// <summary>An untagged echo (--no-tag): matched by its text, which the server returns after its prefix.</summary>
    private bool TryCompleteEcho(string echoed) =>
        CompletePending(p => !p.IsPing && p.Text is not null && echoed.EndsWith(p.Text, StringComparison.Ordinal), isPing: false);

    private void OnPong(uint sequence)
    {
        Interlocked.Increment(ref _run.Counters.PongsReceived);
        CompletePending(p => p.IsPing && p.Sequence == sequence, isPing: true);
    }

    private bool CompletePending(Func<Pending, bool> match, bool isPing)
    {
        long sentTicks = 0;
        lock (_pending)
        {
            var found = -1;
            for (var i = 0; i < _pending.Length; i++)
            {
                if (_pending[i].SentTicks != 0 && match(_pending[i]) && (found < 0 || _pending[i].SentTicks < _pending[found].SentTicks))
                    found = i;
            }
            if (found < 0)
                return false;
            sentTicks = _pending[found].SentTicks;
            _pending[found] = default;
        }
        var micros = MonoClock.MicrosecondsSince(sentTicks);
        if (isPing)
        {
            _run.PingRtt.Record(micros);
            return true;
        }
        _run.ChatRtt.Record(micros);
        _rttLastUs = micros;
        _rttMinUs = Math.Min(_rttMinUs, micros);
        _rttMaxUs = Math.Max(_rttMaxUs, micros);
        _rttSumUs += micros;
        _rttCount++;
        return true;
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
        lock (_pending)
            Array.Clear(_pending);
    }

    public BotRow ToRow()
    {
        var count = _rttCount;
        return new BotRow(
            Id,
            Name,
            State,
            Interlocked.Read(ref _messagesSent),
            Interlocked.Read(ref _messagesReceived),
            Volatile.Read(ref _reconnects),
            LastError,
            count == 0 ? double.NaN : _rttLastUs / 1000.0,
            count == 0 ? double.NaN : _rttMinUs / 1000.0,
            count == 0 ? double.NaN : _rttSumUs / 1000.0 / count,
            count == 0 ? double.NaN : _rttMaxUs / 1000.0);
    }
}
