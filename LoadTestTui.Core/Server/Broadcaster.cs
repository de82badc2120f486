using System.Buffers;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Server;

/// <summary>
/// Joins, leaves and the frames every registered user receives (new-user, exit-user, chat echoes).
/// While the server is busy, broadcasts are gathered into one buffer and handed out once per flush
/// tick: each user gets one slice of that buffer (the frames appended since it joined), so a tick
/// with k broadcasts among N users costs N queue entries instead of k x N. A join storm among N
/// users is N^2/2 notifications; queuing each one separately made registration O(N) of locked
/// queue work per join and capped the server at ~100 joins a second past 10,000 users. While the
/// server is not busy every broadcast is handed out at once, so a quiet server adds no delay.
/// </summary>
/// <remarks>
/// One lock orders everything: a user's join sequence number, its user list (queued before any
/// broadcast it is part of) and the order of broadcasts. Users are kept in join order, so the
/// users an appended frame is for (those who joined before it) are always a prefix of the registry,
/// and the frames a user is owed are always a suffix of the buffer. A session's own answers (a pong,
/// an exit answer) go through <see cref="Reply"/>, which first hands it what it is owed: a client
/// still sees every frame in the order the server acted, so a ping answers after everything
/// broadcast before it.
/// </remarks>
internal sealed class Broadcaster(FrameCodec codec, FlushTicker? ticker)
{
    private readonly Lock _gate = new();
    private readonly UserListCache _userLists = new(codec);
    private readonly List<Entry> _entries = [];
    private ArrayBufferWriter<byte> _pending = new();
    private long _nextJoin;
    private long _firstEntry; // the broadcast number of _entries[0]; entries are numbered in append order across hand-outs
    private ulong _lastChatStamp; // the server timestamp of the last chat put in the broadcast order
    private volatile int _owing; // entries not yet handed out to everyone (0 only once a hand-out has finished)

    public UserRegistry Registry { get; } = new();

    /// <summary>Registers <paramref name="session"/>: queues its user list, then tells everyone else.</summary>
    public void Join(ChatSession session)
    {
        var notify = codec.Encode(Packet.NewUser(session.Name!));
        lock (_gate)
        {
            session.JoinSequence = _nextJoin++;
            var others = Registry.Add(session);
            foreach (var frame in _userLists.For(others))
                session.Send(frame);
            // For those who joined before: a threshold of the joiner's own number leaves it out.
            Append(notify, session.JoinSequence);
        }
    }

    /// <summary>Queues <paramref name="frame"/> for <paramref name="session"/> alone, after the broadcasts it is owed.</summary>
    public void Reply(ChatSession session, byte[] frame)
    {
        if (_owing == 0)
        {
            session.Answer(frame);
            return;
        }
        lock (_gate)
        {
            HandOwed(session);
            session.Send(frame);
        }
    }

    /// <summary>Unregisters <paramref name="session"/> (if it was registered) and tells everyone left.</summary>
    public void Leave(ChatSession session, byte[] exitUserFrame)
    {
        lock (_gate)
        {
            if (!Registry.Remove(session))
                return;
            _userLists.Forget();
            // What was broadcast before it left is still owed to it; the next hand-out no longer sees it.
            HandOwed(session);
            session.JoinSequence = long.MaxValue;
            Append(exitUserFrame, _nextJoin);
        }
    }

    /// <summary>
    /// Sends a chat echo (<paramref name="echo"/>, encoded as <paramref name="frame"/>) to every registered
    /// user, <paramref name="sender"/> included. Its server timestamp is made monotonic with the broadcast
    /// order here, under the lock: a chat stamped before another that took its place first is stamped
    /// again with that one's time, so no receiver sees the server clock run backwards.
    /// </summary>
    /// <remarks>Encoded outside the lock by the caller; the rare re-stamp encodes inside it.</remarks>
    public void Chat(in Packet echo, byte[] frame, ChatSession sender)
    {
        lock (_gate)
        {
            if (echo.ServerTimestamp < _lastChatStamp)
                frame = codec.Encode(echo with { ServerTimestamp = _lastChatStamp });
            else
                _lastChatStamp = echo.ServerTimestamp;
            Append(frame, _nextJoin, sender);
        }
    }

    /// <summary>Forgets everyone at once: on shutdown nobody is told about anybody's exit.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Registry.Clear();
            _userLists.Forget();
            _firstEntry += _entries.Count;
            _entries.Clear();
            _pending = new ArrayBufferWriter<byte>();
            _owing = 0;
        }
    }

    /// <summary>Hands every registered user the slice of gathered broadcasts it is owed; the ticker calls this at each tick.</summary>
    public void HandOut()
    {
        lock (_gate)
            HandOutLocked();
    }

    /// <param name="sender">On a quiet server its own copy is its answer and may leave from this thread (see <see cref="ChatSession.Answer"/>).</param>
    private void Append(byte[] frame, long forJoinedBefore, ChatSession? sender = null)
    {
        var quiet = ticker is null || !ticker.Busy;
        if (quiet && _entries.Count == 0)
        {
            // Nothing gathered: the frame goes out as it is, with no copy into the buffer.
            _owing = 1;
            FanOut(frame, [new Entry(forJoinedBefore, 0)], _firstEntry++, sender);
            return;
        }
        _entries.Add(new Entry(forJoinedBefore, _pending.WrittenCount));
        _pending.Write(frame);
        _owing = _entries.Count;
        if (quiet)
            HandOutLocked(sender);
        else
            ticker!.Wake();
    }

    private void HandOutLocked(ChatSession? answering = null)
    {
        if (_entries.Count == 0)
            return;
        // The written bytes stay with the users' queues; the next broadcasts start a fresh buffer.
        var buffer = _pending.WrittenMemory;
        // A copy: a send to a slow reader may close it and re-enter Leave on this thread, which appends anew.
        var entries = _entries.ToArray();
        var firstEntry = _firstEntry;
        _pending = new ArrayBufferWriter<byte>(Math.Max(256, buffer.Length));
        _entries.Clear();
        _firstEntry += entries.Length;
        FanOut(buffer, entries, firstEntry, answering);
    }

    /// <summary>Queues for every registered user the suffix of <paramref name="entries"/> (numbered from <paramref name="firstEntry"/>) it is owed.</summary>
    private void FanOut(ReadOnlyMemory<byte> buffer, ReadOnlySpan<Entry> entries, long firstEntry, ChatSession? answering)
    {
        var first = 0;
        foreach (var user in Registry.Users)
        {
            // Users are in join order and thresholds never decrease: each user's first entry is at or after the previous one's.
            while (first < entries.Length && entries[first].ForJoinedBefore <= user.JoinSequence)
                first++;
            if (first == entries.Length)
                break;
            // A reply may already have handed this user the start of the batch.
            var from = (int)Math.Max(first, user.OwedFrom - firstEntry);
            if (from == entries.Length - 1 && user == answering)
                user.Answer(buffer[entries[from].Offset..]);
            else if (from < entries.Length)
                user.Send(buffer[entries[from].Offset..], entries.Length - from);
        }
        // Only now: a reply that saw entries owed must wait for this hand-out to reach its session.
        _owing = _entries.Count;
    }

    /// <summary>Queues what <paramref name="session"/> is owed of the entries not yet handed out; the next hand-out skips them.</summary>
    private void HandOwed(ChatSession session)
    {
        var from = (int)Math.Max(0, session.OwedFrom - _firstEntry);
        while (from < _entries.Count && _entries[from].ForJoinedBefore <= session.JoinSequence)
            from++;
        session.OwedFrom = _firstEntry + _entries.Count;
        if (from < _entries.Count)
            session.Send(_pending.WrittenMemory[_entries[from].Offset..], _entries.Count - from);
    }

    /// <summary>One gathered frame: for the users whose join number is below <paramref name="ForJoinedBefore"/>, at <paramref name="Offset"/> in the buffer.</summary>
    private readonly record struct Entry(long ForJoinedBefore, int Offset);
}
