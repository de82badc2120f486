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

    /// <summary>The send log, made on the first tagged chat: before the send, since a receiver may be quicker than us.</summary>
    internal SendLog OwnSendLog => Volatile.Read(ref _sendLog) ?? Interlocked.CompareExchange(ref _sendLog, new SendLog(), null) ?? _sendLog!;

    /// <summary>Replies awaited, made on first use: an idle bot never needs them.</summary>
    private PendingReplies Replies => Volatile.Read(ref _replies) ?? Interlocked.CompareExchange(ref _replies, new PendingReplies(), null) ?? _replies!;

    /// <summary>
    /// The online phase: heartbeats, pings and random chat until the connection ends or the bot
    /// stops. The intervals come from the run's current behaviour (a load plan's stage may change
    /// them), read on every wake-up; the bot never sleeps past the next change.
    /// </summary>
    private async Task BehaveAsync(BotConnection connection, CancellationToken wake)
    {
        var responseTimeout = ToTicks(_options.ResponseTimeout);
        var now = MonoClock.Now;
        var behaviour = _run.BehaviourAt(now, out var changesAt);
        // Random first phases, so thousands of bots started together do not tick together.
        var nextHeartbeat = FirstDue(now, behaviour.HeartbeatInterval);
        var nextPing = FirstDue(now, behaviour.PingInterval);
        var nextChat = behaviour.Chats ? now + NextChatDelay(behaviour) : long.MaxValue;

        while (!wake.IsCancellationRequested)
        {
            now = MonoClock.Now;
            if (now >= changesAt)
            {
                var next = _run.BehaviourAt(now, out changesAt);
                if (next.HeartbeatInterval != behaviour.HeartbeatInterval)
                    nextHeartbeat = FirstDue(now, next.HeartbeatInterval);
                if (next.PingInterval != behaviour.PingInterval)
                    nextPing = FirstDue(now, next.PingInterval);
                if (next.ChatIntervalMin != behaviour.ChatIntervalMin || next.ChatIntervalMax != behaviour.ChatIntervalMax)
                    nextChat = next.Chats ? now + NextChatDelay(next) : long.MaxValue;
                behaviour = next;
            }
            if (now >= nextHeartbeat)
            {
                if (!await SendOrRecordAsync(connection, Packet.Heartbeat(), "heartbeat", wake).ConfigureAwait(false))
                    return;
                nextHeartbeat = now + ToTicks(behaviour.HeartbeatInterval);
            }
            if (now >= nextPing)
            {
                if (!await SendPingAsync(connection, wake).ConfigureAwait(false))
                    return;
                nextPing = now + ToTicks(behaviour.PingInterval);
            }
            if (now >= nextChat)
            {
                if (!_run.ChatPaused && !await SendChatAsync(connection, PickMessage(), wake).ConfigureAwait(false))
                    return;
                nextChat = now + NextChatDelay(behaviour);
            }
            // Silence times out, not a slow reply: frames still arriving mean the reply is queued behind them.
            var oldest = Volatile.Read(ref _replies)?.OldestTicks() ?? 0;
            var quietSince = Math.Max(oldest, Volatile.Read(ref _lastReceivedTicks));
            if (oldest != 0 && now - quietSince > responseTimeout)
            {
                RecordError(ErrorKind.ResponseTimeout, $"no echo or pong, and nothing else received, for {_options.ResponseTimeout.TotalSeconds:0.#} s");
                return;
            }
            // Housekeeping (heartbeats, timeout checks, stage changes) wakes on a shared grid, so bots
            // due within one step wake together in one pass of the timer queue instead of each waking
            // a thread-pool worker that then spins before it sleeps. Chats and pings, which measure
            // round trips, keep their exact times (two sends in one wake would queue one behind the other).
            var housekeeping = Math.Min(nextHeartbeat, changesAt);
            if (oldest != 0)
                housekeeping = Math.Min(housekeeping, quietSince + responseTimeout + 1);
            var due = Math.Min(Math.Min(nextPing, nextChat), RoundUpToWakeGrid(housekeeping));
            try
            {
                await Task.Delay(SleepUntil(due, MonoClock.Now), wake).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>A random first due time within one interval; never when the interval is zero (off).</summary>
    private static long FirstDue(long now, TimeSpan interval) =>
        interval > TimeSpan.Zero ? now + (long)(ToTicks(interval) * Random.Shared.NextDouble()) : long.MaxValue;

    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(60);

    /// <summary>The step housekeeping wake-ups are rounded up to (20 ms, in <see cref="MonoClock"/> ticks): small against a heartbeat interval.</summary>
    private static readonly long WakeGrid = Stopwatch.Frequency / 50;

    /// <summary>
    /// How long to sleep until <paramref name="due"/> (<see cref="MonoClock"/> ticks), at most
    /// <see cref="MaxSleep"/>. Compared before it is scaled: with everything off, due is
    /// <see cref="long.MaxValue"/>, and scaling that overflowed to a sign that depended on the clock,
    /// so a bot with no heartbeat, ping or chat sometimes slept 100 ns at a time, over and over.
    /// </summary>
    internal static TimeSpan SleepUntil(long due, long now)
    {
        var ticks = due - now;
        if (due == long.MaxValue || ticks >= ToTicks(MaxSleep))
            return MaxSleep;
        return TimeSpan.FromTicks(Math.Max(1, ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
    }

    private static long RoundUpToWakeGrid(long ticks) => ticks >= long.MaxValue - WakeGrid ? ticks : (ticks + WakeGrid - 1) / WakeGrid * WakeGrid;

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
        var receivers = Math.Max(0, _run.Counters.Online + _run.RemoteOnline - 1); // a cluster's other agents' bots receive it too
        if (_options.Tagged)
            OwnSendLog.Record(sequence, now);
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

    private static long NextChatDelay(BotBehaviour behaviour)
    {
        var min = behaviour.ChatIntervalMin.Ticks;
        var max = behaviour.ChatIntervalMax.Ticks;
        var span = min + (long)((max - min) * Random.Shared.NextDouble());
        return ToTicks(TimeSpan.FromTicks(span));
    }

    private string PickMessage() => _options.Messages[Random.Shared.Next(_options.Messages.Count)];

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
