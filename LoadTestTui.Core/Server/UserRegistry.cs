namespace LoadTestTui.Core.Server;

/// <summary>
/// The registered users. Fan-out reads <see cref="Users"/> without a lock: a published snapshot
/// is a prefix of an array that nobody writes to again. A join appends past that prefix (the
/// array doubles when full, so joins cost O(1) amortized instead of an O(n) copy, which at
/// 10,000+ users was a large-object-heap array per join); a leave copies into a fresh array,
/// so older snapshots never see a slot change under them.
/// </summary>
internal sealed class UserRegistry
{
    private const int InitialCapacity = 16;

    private readonly Lock _gate = new();
    private Members _members = Members.Empty;

    /// <summary>Everyone registered right now: a stable view, safe to enumerate while others join or leave.</summary>
    public ReadOnlySpan<ChatSession> Users => Volatile.Read(ref _members).View;

    public int Count => Volatile.Read(ref _members).Count;

    /// <summary>Adds a user; returns the users who were already there (the new user's "others").</summary>
    public ReadOnlySpan<ChatSession> Add(ChatSession session)
    {
        lock (_gate)
        {
            var before = _members;
            var slots = before.Slots;
            if (before.Count == slots.Length)
            {
                slots = new ChatSession[Math.Max(InitialCapacity, slots.Length * 2)];
                before.View.CopyTo(slots);
            }
            slots[before.Count] = session;
            Volatile.Write(ref _members, new Members(slots, before.Count + 1));
            return before.View;
        }
    }

    /// <summary>Removes a user; false when it was not registered.</summary>
    public bool Remove(ChatSession session)
    {
        lock (_gate)
        {
            var before = _members;
            var index = before.View.IndexOf(session);
            if (index < 0)
                return false;
            var slots = new ChatSession[before.Slots.Length];
            before.View[..index].CopyTo(slots);
            before.View[(index + 1)..].CopyTo(slots.AsSpan(index));
            Volatile.Write(ref _members, new Members(slots, before.Count - 1));
            return true;
        }
    }

    /// <summary>Forgets everyone at once: on shutdown nobody is told about anybody's exit.</summary>
    public void Clear()
    {
        lock (_gate)
            Volatile.Write(ref _members, Members.Empty);
    }

    /// <summary>The first <paramref name="Count"/> slots are the users; slots past them are written only before being published.</summary>
    private sealed record Members(ChatSession[] Slots, int Count)
    {
        public static Members Empty { get; } = new([], 0);

        public ReadOnlySpan<ChatSession> View => Slots.AsSpan(0, Count);
    }
}
