using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Server;

/// <summary>
/// Splits a user list into S_ANS_USER_LIST frames that each fit the maximum frame size. With
/// thousands of users one frame cannot hold every name (10,240 bytes is ~700 bot names), so
/// the server sends several; clients treat each later list as additions to the first.
/// </summary>
internal static class UserListFrames
{
    /// <summary>Header (4) + type (8) + name count (4).</summary>
    private const int ListOverhead = 16;

    /// <summary>Always at least one frame, so an empty list still tells the new user it is registered.</summary>
    /// <param name="closedNames">How many names are in the frames before the last (frames that more names could not have changed).</param>
    public static List<byte[]> Encode(FrameCodec codec, IReadOnlyList<string> names, out int closedNames)
    {
        closedNames = 0;
        var frames = new List<byte[]>();
        var chunk = new List<string>();
        var size = ListOverhead;
        foreach (var name in names)
        {
            var nameSize = 4 + codec.TextEncoding.GetByteCount(name);
            if (chunk.Count > 0 && size + nameSize > codec.MaxFrameSize)
            {
                frames.Add(codec.Encode(Packet.UserList([.. chunk])));
                closedNames += chunk.Count;
                chunk.Clear();
                size = ListOverhead;
            }
            chunk.Add(name);
            size += nameSize;
        }
        if (chunk.Count > 0 || frames.Count == 0)
            frames.Add(codec.Encode(Packet.UserList([.. chunk])));
        return frames;
    }
}
