using LoadTestTui.Core.Protocol;
using System.Diagnostics;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Loops;

namespace LoadTestTui.Core.Bots;

internal sealed partial class Bot
{
    private static readonly Action<object?> BroadcastPosted = static state => ((BroadcastWork)state!).Run();

    private uint _chatSequence;
    private uint _pingSequence;
    private PendingReplies? _replies;

    private sealed record BroadcastWork(Bot Bot, string Text)
    {
        public void Run() => Bot.SendBroadcast(Text);
    }

    /// <summary>Replies awaited, made on first use (an idle bot never needs them) and published whole to the tick, which reads their count.</summary>
    private PendingReplies Replies
    {
        get
        {
            if (_replies is { } replies)
                return replies;
            Volatile.Write(ref _replies, replies = new PendingReplies());
            return replies;
        }
    }

    /// <summary>
    /// The online phase: heartbeats, pings and random chat until the connection ends or the bot
    /// stops. The intervals come from the run's current behaviour (a load plan's stage may change
    /// them), read on every wake-up; the bot never sleeps past the next change.
    /// </summary>
    private async ValueTask BehaveAsync(LoopConnection connection)
    {
        var responseTimeout = ToTicks(_options.ResponseTimeout);
        var now = MonoClock.Now;
        var stages = _run.StagesVersion; // read before the table, so a table replaced meanwhile is looked at again
        var behaviour = _run.BehaviourAt(now, out var changesAt);
        // Random first phases, so thousands of bots started together do not tick together.
        var nextHeartbeat = FirstDue(now, behaviour.HeartbeatInterval);
        var nextPing = FirstDue(now, behaviour.PingInterval);
        var nextChat = behaviour.Chats ? now + NextChatDelay(behaviour) : long.MaxValue;

        while (connection.IsOpen && !Stopped)
        {
            now = MonoClock.Now;
            if (now >= changesAt || _run.StagesVersion != stages)
            {
                stages = _run.StagesVersion;
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
                if (!Send(connection, Packet.Heartbeat(), "heartbeat"))
                    return;
                nextHeartbeat = now + ToTicks(behaviour.HeartbeatInterval);
            }
            if (now >= nextPing)
            {
                if (!SendPing(connection))
                    return;
                nextPing = now + ToTicks(behaviour.PingInterval);
            }
            if (now >= nextChat)
            {
                if (!_run.ChatPaused && !SendChat(connection, PickMessage()))
                    return;
                nextChat = now + NextChatDelay(behaviour);
            }
            // Silence times out, not a slow reply: frames still arriving mean the reply is queued behind them.
            var oldest = _replies?.OldestTicks() ?? 0;
            var quietSince = Math.Max(oldest, _lastReceivedTicks);
            if (oldest != 0 && now - quietSince > responseTimeout)
            {
                RecordError(ErrorKind.ResponseTimeout, $"no echo or pong, and nothing else received, for {_options.ResponseTimeout.TotalSeconds:0.#} s");
                return;
            }
            // Housekeeping (heartbeats, timeout checks, stage changes) wakes on a shared grid, so the
            // bots due within one step wake in one pass of their loop. Chats and pings, which
            // measure round trips, keep their exact times (two sends in one wake-up would queue
            // one behind the other).
            var housekeeping = Math.Min(nextHeartbeat, changesAt);
            if (oldest != 0)
                housekeeping = Math.Min(housekeeping, quietSince + responseTimeout + 1);
            await _timer.Sleep(Math.Min(Math.Min(nextPing, nextChat), RoundUpToWakeGrid(housekeeping))).ConfigureAwait(false);
        }
    }

    /// <summary>A random first due time within one interval; never when the interval is zero (off).</summary>
    private static long FirstDue(long now, TimeSpan interval) =>
        interval > TimeSpan.Zero ? now + (long)(ToTicks(interval) * Random.Shared.NextDouble()) : long.MaxValue;

    /// <summary>The step housekeeping wake-ups are rounded up to (20 ms, in <see cref="MonoClock"/> ticks): small against a heartbeat interval.</summary>
    private static readonly long WakeGrid = Stopwatch.Frequency / 50;

    internal static long RoundUpToWakeGrid(long ticks) => ticks >= long.MaxValue - WakeGrid ? long.MaxValue : (ticks + WakeGrid - 1) / WakeGrid * WakeGrid;

    /// <summary>Sends a broadcast text through this bot if it is online; returns whether it was handed to the bot's loop.</summary>
    public bool TryBroadcast(string text)
    {
        if (State != BotState.Online)
            return false;
        _loop.Post(BroadcastPosted, new BroadcastWork(this, text));
        return true;
    }

    private void SendBroadcast(string text)
    {
        if (_connection is { IsOpen: true } connection && State == BotState.Online)
            SendChat(connection, text);
    }

    private bool SendChat(LoopConnection connection, string text)
    {
        // Checked before a sequence is taken: a text that cannot be sent must not open a gap receivers count as lost.
        if (!_run.Codec.FitsChat(_options.Tagged ? new ChatTag(_run.RunId, Id, uint.MaxValue).AppendTo(text) : text))
        {
            _run.Events.Add(EventLevel.Warning, $"{Name}: chat text too long for the {_run.Codec.MaxFrameSize}-byte frame limit; not sent");
            return true;
        }
        var sequence = ++_chatSequence;
        var wireText = _options.Tagged ? new ChatTag(_run.RunId, Id, sequence).AppendTo(text) : text;
        var now = MonoClock.Now;
        var receivers = Math.Max(0, _run.Counters.Online + _run.RemoteOnline - 1); // a cluster's other agents' bots receive it too
        if (_options.Tagged)
            _run.Bots.RecordSend(Id, sequence, now); // before the send: a receiver on another loop may be quicker than us
        Replies.Add(isPing: false, sequence, now, _options.Tagged ? null : wireText);
        if (!Send(connection, Packet.Chat(wireText, MonoClock.WireMilliseconds), "chat"))
            return false;
        if (_options.Tagged)
            _traffic.DeliveryExpected += receivers;
        _traffic.MessagesSent++;
        return true;
    }

    private bool SendPing(LoopConnection connection)
    {
        var sequence = ++_pingSequence;
        Replies.Add(isPing: true, sequence, MonoClock.Now, null);
        if (!Send(connection, Packet.Ping(MonoClock.WireMilliseconds, sequence), "ping"))
            return false;
        _traffic.PingsSent++;
        return true;
    }

    /// <summary>
    /// Encodes and sends one frame, and counts it. False when the connection is not open (its
    /// ending is classified when it is closed) or when this send failed (recorded as send_failed).
    /// </summary>
    private bool Send(LoopConnection connection, in Packet packet, string what)
    {
        if (!connection.IsOpen)
            return false;
        var size = _run.Codec.MeasureFrame(packet);
        var frame = _loop.SendBuffer(size);
        _run.Codec.Write(packet, frame);
        if (!connection.Send(frame))
        {
            if (!_errorThisConnection && !Stopped)
                RecordError(ErrorKind.SendFailed, $"{what} send failed ({connection.End.Detail})");
            return false;
        }
        _traffic.FramesSent++;
        _traffic.BytesSent += size;
        return true;
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
