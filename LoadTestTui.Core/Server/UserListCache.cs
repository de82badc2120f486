using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Server;

/// <summary>
/// The user-list frames of the registry's first users, kept between joins. Frames are packed
/// greedily, so every frame but the last is closed for good once the names after it exist: while
/// nobody leaves, a joiner's list is the closed frames already built plus the encoding of the few
/// hundred names after them, instead of every name encoded again (O(N) per join, N^2 in a storm).
/// </summary>
internal sealed class UserListCache(FrameCodec codec)
{
    private readonly List<byte[]> _closed = [];
    private int _covered; // registry users whose names are in _closed

    /// <summary>The user list for someone who sees <paramref name="users"/> (the registry, in join order) registered.</summary>
    public IReadOnlyList<byte[]> For(ReadOnlySpan<ChatSession> users)
    {
        var names = new string[users.Length - _covered];
        for (var i = 0; i < names.Length; i++)
            names[i] = users[_covered + i].Name!;
        var fresh = UserListFrames.Encode(codec, names, out var closedNames);
        if (names.Length == 0 && _closed.Count > 0)
            return [.. _closed];
        // Every fresh frame but the last is closed: the next joiner can reuse it.
        _closed.AddRange(fresh.Take(fresh.Count - 1));
        _covered += closedNames;
        return [.. _closed, fresh[^1]];
    }

    /// <summary>Someone left: the registry's order changed under the cached frames.</summary>
    public void Forget()
    {
        _closed.Clear();
        _covered = 0;
    }
}
