using System.Diagnostics;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

internal sealed partial class Bot
{
    private const int PendingSlots = 16;

    // Chats and pings awaiting their echo/pong, guarded by locking the array: the writer
    // side (timers, broadcast) and the read loop both touch them.
    private readonly Pending[] _pending = new Pending[PendingSlots];
    private uint _chatSequence;
    private uint _pingSequence;
    private long _messagesSent;

    private record struct Pending(bool IsPing, uint Sequence, long SentTicks, string? Text);

    /// <summary>The online phase: heartbeats, pings and random chat until the connection ends or the bot stops.</summary>
    private async Task BehaveAsync(BotConnection connection, CancellationToken wake)
    {
        var heartbeat = ToTicks(_options.HeartbeatInterval);
        var ping = ToTicks(_options.PingInterval);
        var responseTimeout = ToTicks(_options.ResponseTimeout);
        var now = MonoClock.Now;
        // Random first phases, so thousands of bots started together do not tick together.
        var nextHeartbeat = heartbeat > 0 ? now + (long)(heartbeat * Random.Shared.NextDouble()) : long.MaxValue;
        var nextPing = ping > 0 ? now + (long)(ping * Random.Shared.NextDouble()) : long.MaxValue;
        var nextChat = _options.Chats ? now + NextChatDelay() : long.MaxValue;

        while (!wake.IsCancellationRequested)
        {
            now = MonoClock.Now;
            if (now >= nextHeartbeat)
            {
                if (!await SendOrRecordAsync(connection, Packet.Heartbeat(), "heartbeat", wake).ConfigureAwait(false))
                    return;
                nextHeartbeat = now + heartbeat;
            }
            if (now >= nextPing)
            {
                if (!await SendPingAsync(connection, wake).ConfigureAwait(false))
                    return;
                nextPing = now + ping;
            }
            if (now >= nextChat)
            {
                if (!_run.ChatPaused && !await SendChatAsync(connection, PickMessage(), wake).ConfigureAwait(false))
                    return;
                nextChat = now + NextChatDelay();
            }
            var oldest = OldestPendingTicks();
            if (oldest != 0 && now - oldest > responseTimeout)
            {
                RecordError(ErrorKind.ResponseTimeout, $"no echo or pong within {_options.ResponseTimeout.TotalSeconds:0.#} s");
                return;
            }
            var next = Math.Min(Math.Min(nextHeartbeat, nextPing), nextChat);
            if (oldest != 0)
                next = Math.Min(next, oldest + responseTimeout + 1);
            var wait = TimeSpan.FromTicks(Math.Max(1, (next - MonoClock.Now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            try
            {
                await Task.Delay(Min(wait, TimeSpan.FromSeconds(60)), wake).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends a broadcast text now if online; returns whether it was queued.</summary>
    public bool TryBroadcast(string text)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null || State != BotState.Online)
            return false;
        _ = SendChatAsync(connection, text, CancellationToken.None).AsTask();
        return true;
    }

    private async ValueTask<bool> SendChatAsync(BotConnection connection, string text, CancellationToken wake)
    {
        var sequence = Interlocked.Increment(ref _chatSequence);
        var wireText = _options.Tagged ? new ChatTag(_run.RunId, Id, sequence).AppendTo(text) : text;
        if (!_run.Codec.FitsChat(wireText))
        {
            _run.Events.Add(EventLevel.Warning, $"{Name}: chat text too long for the {_run.Codec.MaxFrameSize}-byte frame limit; not sent");
            return true;
        }
        var now = MonoClock.Now;
        if (_options.Tagged)
        {
            SendLog.Record(sequence, now);
            Interlocked.Add(ref _run.Counters.DeliveryExpected, Math.Max(0, _run.Counters.Online - 1));
        }
        AddPending(new Pending(false, sequence, now, _options.Tagged ? null : wireText));
        if (!await SendOrRecordAsync(connection, Packet.Chat(wireText, MonoClock.WireMilliseconds), "chat", wake).ConfigureAwait(false))
            return false;
        Interlocked.Increment(ref _messagesSent);
        Interlocked.Increment(ref _run.Counters.MessagesSent);
        return true;
    }

    private async ValueTask<bool> SendPingAsync(BotConnection connection, CancellationToken wake)
    {
        var sequence = Interlocked.Increment(ref _pingSequence);
        AddPending(new Pending(true, sequence, MonoClock.Now, null));
        if (!await SendOrRecordAsync(connection, Packet.Ping(MonoClock.WireMilliseconds, sequence), "ping", wake).ConfigureAwait(false))
            return false;
        Interlocked.Increment(ref _run.Counters.PingsSent);
        return true;
    }

    /// <summary>A failed send is an error only when the connection was not already ending for another reason.</summary>
    private async ValueTask<bool> SendOrRecordAsync(BotConnection connection, Packet packet, string what, CancellationToken wake)
    {
        if (await connection.TrySendAsync(packet).ConfigureAwait(false))
            return true;
        if (!wake.IsCancellationRequested && !_errorThisConnection && !connection.Closed.IsCancellationRequested)
            RecordError(ErrorKind.SendFailed, $"{what} send failed");
        return false;
    }

    private void AddPending(Pending entry)
    {
        lock (_pending)
        {
            var slot = 0;
            for (var i = 0; i < _pending.Length; i++)
            {
                if (_pending[i].SentTicks == 0)
                {
                    slot = i;
                    break;
                }
                if (_pending[i].SentTicks < _pending[slot].SentTicks)
                    slot = i; // full: the oldest gives way
            }
            _pending[slot] = entry;
        }
    }

    private long OldestPendingTicks()
    {
        lock (_pending)
        {
            long oldest = 0;
            foreach (var p in _pending)
            {
                if (p.SentTicks != 0 && (oldest == 0 || p.SentTicks < oldest))
                    oldest = p.SentTicks;
            }
            return oldest;
        }
    }

    private long NextChatDelay()
    {
        var min = _options.ChatIntervalMin.Ticks;
        var max = _options.ChatIntervalMax.Ticks;
        var span = min + (long)((max - min) * Random.Shared.NextDouble());
        return ToTicks(TimeSpan.FromTicks(span));
    }

    private string PickMessage() => _options.Messages[Random.Shared.Next(_options.Messages.Count)];

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
