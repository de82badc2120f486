using System.Diagnostics;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

internal sealed partial class Bot
{
    private uint _chatSequence;
    private uint _pingSequence;
    private PendingReplies? _replies;
    private SendLog? _sendLog;

    /// <summary>The bot's recent chat send times, read by receivers for fan-out latency; null until its first tagged chat.</summary>
    public SendLog? SendLog => Volatile.Read(ref _sendLog);

    /// <summary>Replies awaited, made on first use: an idle bot never needs them.</summary>
    private PendingReplies Replies => Volatile.Read(ref _replies) ?? Interlocked.CompareExchange(ref _replies, new PendingReplies(), null) ?? _replies!;

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
            // Silence times out, not a slow reply: frames still arriving mean the reply is queued behind them.
            var oldest = Volatile.Read(ref _replies)?.OldestTicks() ?? 0;
            var quietSince = Math.Max(oldest, Volatile.Read(ref _lastReceivedTicks));
            if (oldest != 0 && now - quietSince > responseTimeout)
            {
                RecordError(ErrorKind.ResponseTimeout, $"no echo or pong, and nothing else received, for {_options.ResponseTimeout.TotalSeconds:0.#} s");
                return;
            }
            var next = Math.Min(Math.Min(nextHeartbeat, nextPing), nextChat);
            if (oldest != 0)
                next = Math.Min(next, quietSince + responseTimeout + 1);
            var wait = TimeSpan.FromTicks(Math.Max(1, (next - MonoClock.Now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            try
            {
                await Task.Delay(wait < MaxSleep ? wait : MaxSleep, wake).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(60);

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
        // Checked before a sequence is taken: a text that cannot be sent must not open a gap receivers count as lost.
        if (!_run.Codec.FitsChat(_options.Tagged ? new ChatTag(_run.RunId, Id, uint.MaxValue).AppendTo(text) : text))
        {
            _run.Events.Add(EventLevel.Warning, $"{Name}: chat text too long for the {_run.Codec.MaxFrameSize}-byte frame limit; not sent");
            return true;
        }
        var sequence = Interlocked.Increment(ref _chatSequence);
        var wireText = _options.Tagged ? new ChatTag(_run.RunId, Id, sequence).AppendTo(text) : text;
        var now = MonoClock.Now;
        var receivers = Math.Max(0, _run.Counters.Online - 1);
        if (_options.Tagged)
            (SendLog ?? Interlocked.CompareExchange(ref _sendLog, new SendLog(), null) ?? _sendLog!).Record(sequence, now); // before the send: a receiver may be quicker than us
        Replies.Add(isPing: false, sequence, now, _options.Tagged ? null : wireText);
        if (!await SendOrRecordAsync(connection, Packet.Chat(wireText, MonoClock.WireMilliseconds), "chat", wake).ConfigureAwait(false))
            return false;
        if (_options.Tagged)
            Interlocked.Add(ref _traffic.DeliveryExpected, receivers);
        Interlocked.Increment(ref _traffic.MessagesSent);
        return true;
    }

    private async ValueTask<bool> SendPingAsync(BotConnection connection, CancellationToken wake)
    {
        var sequence = Interlocked.Increment(ref _pingSequence);
        Replies.Add(isPing: true, sequence, MonoClock.Now, null);
        if (!await SendOrRecordAsync(connection, Packet.Ping(MonoClock.WireMilliseconds, sequence), "ping", wake).ConfigureAwait(false))
            return false;
        Interlocked.Increment(ref _traffic.PingsSent);
        return true;
    }

    /// <summary>Sends and counts one frame. A failed send is an error only when the connection was not already ending for another reason.</summary>
    private async ValueTask<bool> SendOrRecordAsync(BotConnection connection, Packet packet, string what, CancellationToken wake)
    {
        var size = await connection.TrySendAsync(packet).ConfigureAwait(false);
        if (size > 0)
        {
            Interlocked.Increment(ref _traffic.FramesSent);
            Interlocked.Add(ref _traffic.BytesSent, size);
            return true;
        }
        if (!wake.IsCancellationRequested && !_errorThisConnection && !connection.Closed.IsCancellationRequested)
            RecordError(ErrorKind.SendFailed, $"{what} send failed");
        return false;
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
}
