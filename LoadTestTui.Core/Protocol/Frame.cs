using System.Buffers;

namespace LoadTestTui.Core.Protocol;

/// <summary>
/// One validated frame still in its masked wire form (made by <see cref="FrameCodec.TryParse"/>).
/// Numbers were read while validating; string fields are only located, and are unmasked or decoded
/// when a caller asks, so a frame that is ignored costs no string and no allocation.
/// Valid only while the buffer it points into is.
/// </summary>
public readonly ref struct Frame
{
    private const int StackDecodeLimit = 1024;

    private readonly ReadOnlySpan<byte> _masked;
    private readonly FrameCodec _codec;
    private readonly int _nameAt;
    private readonly int _textAt;

    internal Frame(ReadOnlySpan<byte> masked, FrameCodec codec, PacketType type, scoped in FrameFields fields)
    {
        _masked = masked;
        _codec = codec;
        Type = type;
        _nameAt = fields.NameAt;
        NameLength = fields.NameLength;
        _textAt = fields.TextAt;
        TextLength = fields.TextLength;
        ClientTimestamp = fields.ClientTimestamp;
        ServerTimestamp = fields.ServerTimestamp;
        Sequence = fields.Sequence;
        HasName = fields.HasName;
    }

    public PacketType Type { get; }

    /// <summary>Bytes this frame took on the wire.</summary>
    public int Length => _masked.Length;

    /// <summary>A login-server packet (ids 130, 132-140, 148-158): framed correctly, never handled by chat.</summary>
    public bool IsForeign => !PacketTypes.IsChat((long)Type);

    /// <summary>Whether the frame carries a name (or, for a user list, the list).</summary>
    public bool HasName { get; }

    /// <summary>Encoded bytes of the name field (register, chat message, new/exit user, chat exit).</summary>
    public int NameLength { get; }

    /// <summary>Encoded bytes of the text field (chat, chat message).</summary>
    public int TextLength { get; }

    public ulong ClientTimestamp { get; }

    public ulong ServerTimestamp { get; }

    public uint Sequence { get; }

    /// <summary>Whether the name field's bytes equal <paramref name="encoded"/> (already in the frame's encoding).</summary>
    public bool NameEquals(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != NameLength)
            return false;
        Span<byte> chunk = stackalloc byte[64];
        for (var done = 0; done < NameLength; done += chunk.Length)
        {
            var part = Math.Min(chunk.Length, NameLength - done);
            _codec.Key.Apply(_masked.Slice(_nameAt + done, part), chunk, _nameAt + done);
            if (!chunk[..part].SequenceEqual(encoded.Slice(done, part)))
                return false;
        }
        return true;
    }

    /// <summary>Unmasks the last <c>min(destination.Length, TextLength)</c> bytes of the text into <paramref name="destination"/>; returns how many.</summary>
    public int CopyTextTail(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, TextLength);
        var at = _textAt + TextLength - count;
        _codec.Key.Apply(_masked.Slice(at, count), destination, at);
        return count;
    }

    /// <summary>Decodes the name field into a string (allocates).</summary>
    public string DecodeName() => Decode(_nameAt, NameLength);

    /// <summary>Decodes the text field into a string (allocates).</summary>
    public string DecodeText() => Decode(_textAt, TextLength);

    /// <summary>Decodes every field into a <see cref="Packet"/> (allocates its strings).</summary>
    public Packet ToPacket()
    {
        var packet = Type switch
        {
            PacketType.ReqRegistChattingName or PacketType.AnsNewUserNotify or PacketType.AnsExitUser => new Packet(Type, Name: DecodeName()),
            PacketType.ReqChatExit => Packet.ChatExit(HasName ? DecodeName() : null),
            PacketType.ReqChatting => Packet.Chat(DecodeText(), ClientTimestamp),
            PacketType.AnsChatting => Packet.ChatMessage(DecodeName(), DecodeText(), ServerTimestamp),
            PacketType.AnsUserList => Packet.UserList(DecodeNames()),
            PacketType.ReqPing => Packet.Ping(ClientTimestamp, Sequence),
            PacketType.AnsPong => Packet.Pong(ClientTimestamp, ServerTimestamp, Sequence),
            _ => new Packet(Type),
        };
        return packet with { FrameLength = Length };
    }

    private string[] DecodeNames()
    {
        // Validated already: the reads below cannot fail.
        var r = new FieldReader(_masked, _codec.Key, _nameAt);
        r.Int32(out var count, out _);
        var names = count == 0 ? [] : new string[count];
        for (var i = 0; i < count; i++)
        {
            r.String(out var at, out var length, out _);
            names[i] = Decode(at, length);
        }
        return names;
    }

    private string Decode(int at, int length)
    {
        if (length == 0)
            return "";
        byte[]? rented = null;
        var plain = length <= StackDecodeLimit ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            _codec.Key.Apply(_masked.Slice(at, length), plain, at);
            return _codec.TextEncoding.GetString(plain);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
