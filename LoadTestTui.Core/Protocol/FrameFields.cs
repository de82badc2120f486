namespace LoadTestTui.Core.Protocol;

/// <summary>Where a frame's fields are, found while validating it.</summary>
internal struct FrameFields
{
    public int NameAt;
    public int NameLength;
    public bool HasName;
    public int TextAt;
    public int TextLength;
    public ulong ClientTimestamp;
    public ulong ServerTimestamp;
    public uint Sequence;
}
