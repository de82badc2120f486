namespace LoadTestTui.Core.Server;

/// <summary>
/// The registered users. Fan-out reads <see cref="Users"/> without a lock: it is an immutable
/// array replaced (copy-on-write) under the lock on every register and unregister. Joins and
/// leaves are rare next to chats, and each chat reaches every user anyway, so an O(n) copy
/// per join costs no more than the join's own notification broadcast.
/// </summary>
internal sealed class UserRegistry
{
    private readonly Lock _gate = new();
    private ChatSession[] _users = [];

    /// <summary>Everyone registered right now: a stable array, safe to enumerate while others join or leave.</summary>
    public ChatSession[] Users => Volatile.Read(ref _users);

    public int Count => Users.Length;

    /// <summary>Adds a user; returns the users who were already there (the new user's "others").</summary>
    public ChatSession[] Add(ChatSession session)
    {
        lock (_gate)
        {
            var before = _users;
            var after = new ChatSession[before.Length + 1];
            before.CopyTo(after, 0);
            after[^1] = session;
            Volatile.Write(ref _users, after);
            return before;
        }
    }

    /// <summary>Removes a user; false when it was not registered.</summary>
    public bool Remove(ChatSession session)
    {
        lock (_gate)
        {
            var before = _users;
            var index = Array.IndexOf(before, session);
            if (index < 0)
                return false;
            var after = new ChatSession[before.Length - 1];
            Array.Copy(before, 0, after, 0, index);
            Array.Copy(before, index + 1, after, index, before.Length - index - 1);
            Volatile.Write(ref _users, after);
            return true;
        }
    }

    /// <summary>Forgets everyone at once: on shutdown nobody is told about anybody's exit.</summary>
    public void Clear()
    {
        lock (_gate)
            Volatile.Write(ref _users, []);
    }
}
