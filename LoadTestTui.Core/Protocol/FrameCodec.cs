using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LoadTestTui.Core.Protocol;

/// <summary>
/// The chat protocol's codec: a pair of pure functions over buffers. It holds only the
/// resolved options (key bytes, encoding, maximum size), so one instance is shared freely
/// across threads. No socket, task or lock lives here.
/// </summary>
public sealed class FrameCodec
{
    private const int HeaderSize = 4;
    private const int TypeSize = 8;

    public FrameCodec(ProtocolOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        Options = options;
        Key = new XorKey(Encoding.ASCII.GetBytes(options.Key));
        TextEncoding = TextEncodings.TryGet(options.Encoding)!;
    }

    public static FrameCodec Default { get; } = new(ProtocolOptions.Default);

    public ProtocolOptions Options { get; }

    public Encoding TextEncoding { get; }

    public int MaxFrameSize => Options.MaxFrameSize;

    /// <summary>The obfuscation key, for reading fields straight from a masked frame.</summary>
    internal XorKey Key { get; }

    /// <summary>
    /// Reads one frame from the front of <paramref name="input"/> and decodes it into a <see cref="Packet"/>
    /// (its strings allocated). On <see cref="ReadStatus.Incomplete"/> nothing is consumed; on
    /// <see cref="ReadStatus.Malformed"/> the error says why. The frame's length is checked against the
    /// maximum before anything is sized from it.
    /// </summary>
    public ReadStatus TryRead(in ReadOnlySequence<byte> input, out Packet packet, out SequencePosition consumed, out ProtocolError error)
    {
        packet = default;
        consumed = input.Start;
        var status = TryReadLength(input, out var length, out error);
        if (status != ReadStatus.Complete)
            return status;
        byte[]? rented = null;
        var first = input.FirstSpan;
        var masked = first.Length >= length ? first[..length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            if (rented is not null)
                input.Slice(0, length).CopyTo(rented);
            if (!TryParse(masked, out var frame, out error))
                return ReadStatus.Malformed;
            packet = frame.ToPacket();
            consumed = input.GetPosition(length);
            return ReadStatus.Complete;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Reads and checks the length header at the front of <paramref name="input"/>: <see cref="ReadStatus.Complete"/>
    /// when the whole frame of <paramref name="length"/> bytes is buffered, <see cref="ReadStatus.Malformed"/> when
    /// the length is out of range (before waiting for, or sizing anything from, the body).
    /// </summary>
    public ReadStatus TryReadLength(in ReadOnlySequence<byte> input, out int length, out ProtocolError error)
    {
        error = default;
        length = 0;
        if (input.Length < HeaderSize)
            return ReadStatus.Incomplete;
        Span<byte> header = stackalloc byte[HeaderSize];
        input.Slice(0, HeaderSize).CopyTo(header);
        length = Key.Int32At(header, 0);
        if (length < ProtocolOptions.MinFrameSize || length > MaxFrameSize)
        {
            error = new(ProtocolErrorKind.LengthOutOfRange, $"frame length {length} is outside {ProtocolOptions.MinFrameSize}..{MaxFrameSize}");
            return ReadStatus.Malformed;
        }
        return input.Length < length ? ReadStatus.Incomplete : ReadStatus.Complete;
    }

    /// <summary>
    /// Validates one whole masked frame (as returned complete by <see cref="TryReadLength"/>) without
    /// decoding or allocating anything: every field and string count is checked, strings are only
    /// located. The result points into <paramref name="masked"/>.
    /// </summary>
    public bool TryParse(ReadOnlySpan<byte> masked, out Frame frame, out ProtocolError error)
    {
        frame = default;
        var r = new FieldReader(masked, Key, HeaderSize);
        if (!r.Int64(out var id, out error))
            return false;
        var type = (PacketType)id;
        var f = default(FrameFields);
        var ok = type switch
        {
            PacketType.ReqExit or PacketType.AnsExit or PacketType.NotifyHeartbeat => true,
            PacketType.ReqRegistChattingName or PacketType.AnsNewUserNotify or PacketType.AnsExitUser => ReadName(ref r, ref f, out error),
            PacketType.ReqChatExit => r.Remaining == 0 || ReadName(ref r, ref f, out error),
            PacketType.ReqChatting => r.String(out f.TextAt, out f.TextLength, out error) && r.UInt64(out f.ClientTimestamp, out error),
            PacketType.AnsChatting => ReadName(ref r, ref f, out error) && r.String(out f.TextAt, out f.TextLength, out error)
                && r.UInt64(out f.ServerTimestamp, out error),
            PacketType.AnsUserList => ReadList(ref r, ref f, out error),
            PacketType.ReqPing => r.UInt64(out f.ClientTimestamp, out error) && r.UInt32(out f.Sequence, out error),
            PacketType.AnsPong => r.UInt64(out f.ClientTimestamp, out error) && r.UInt64(out f.ServerTimestamp, out error)
                && r.UInt32(out f.Sequence, out error),
            _ => IsForeign(id, out error),
        };
        if (!ok)
            return false;
        if (r.Remaining != 0 && PacketTypes.IsChat(id))
        {
            error = new(ProtocolErrorKind.TrailingBytes, $"{r.Remaining} trailing bytes after {type}");
            return false;
        }
        frame = new Frame(masked, this, type, f);
        return true;
    }

    private static bool ReadName(ref FieldReader r, ref FrameFields f, out ProtocolError error)
    {
        f.HasName = r.String(out f.NameAt, out f.NameLength, out error);
        return f.HasName;
    }

    private static bool ReadList(ref FieldReader r, ref FrameFields f, out ProtocolError error)
    {
        f.NameAt = HeaderSize + TypeSize;
        f.HasName = true;
        return r.StringList(out _, out error);
    }

    /// <summary>A login-server packet is framed like ours, but its fields are not ours to parse.</summary>
    private static bool IsForeign(long id, out ProtocolError error)
    {
        error = default;
        if (PacketTypes.IsForeignKnown(id))
            return true;
        error = new(ProtocolErrorKind.UnknownType, $"unknown packet type {id}");
        return false;
    }

    /// <summary>Encodes one whole frame into <paramref name="output"/>; returns its size.</summary>
    /// <remarks>
    /// Frame: [length:int32 LE, counts these 4 bytes][type:int64 LE][fields...], then every
    /// byte i of the frame is XORed with key[i % key.Length]. Fields by type:
    /// <code>
    /// ReqExit, AnsExit, NotifyHeartbeat   (none)
    /// ReqRegistChattingName, AnsNewUserNotify, AnsExitUser   [name:str]
    /// ReqChatExit                         [name:str] only when a name is given
    /// ReqChatting                         [text:str][clientTimestamp:uint64]
    /// AnsChatting                         [name:str][text:str][serverTimestamp:uint64]
    /// AnsUserList                         [count:int32][count x name:str]
    /// ReqPing                             [clientTimestamp:uint64][sequence:uint32]
    /// AnsPong                             [clientTimestamp:uint64][serverTimestamp:uint64][sequence:uint32]
    /// str = [byteCount:int32][bytes in the configured encoding]
    /// </code>
    /// </remarks>
    public int Write(in Packet packet, IBufferWriter<byte> output)
    {
        var length = MeasureFrame(packet);
        Write(packet, output.GetSpan(length)[..length]);
        output.Advance(length);
        return length;
    }

    /// <summary>Encodes one whole frame into <paramref name="frame"/>, which must be exactly <see cref="MeasureFrame"/> bytes.</summary>
    public void Write(in Packet packet, Span<byte> frame)
    {
        var length = frame.Length;
        var w = new FieldWriter(frame, TextEncoding);
        w.Int32(length);
        w.Int64((long)packet.Type);
        switch (packet.Type)
        {
            case PacketType.ReqRegistChattingName or PacketType.AnsNewUserNotify or PacketType.AnsExitUser:
                w.String(packet.Name ?? "");
                break;
            case PacketType.ReqChatExit when packet.Name is not null:
                w.String(packet.Name);
                break;
            case PacketType.ReqChatting:
                w.String(packet.Text ?? "");
                w.UInt64(packet.ClientTimestamp);
                break;
            case PacketType.AnsChatting:
                w.String(packet.Name ?? "");
                w.String(packet.Text ?? "");
                w.UInt64(packet.ServerTimestamp);
                break;
            case PacketType.AnsUserList:
                var names = packet.Names ?? [];
                w.Int32(names.Length);
                foreach (var name in names)
                    w.String(name);
                break;
            case PacketType.ReqPing:
                w.UInt64(packet.ClientTimestamp);
                w.UInt32(packet.Sequence);
                break;
            case PacketType.AnsPong:
                w.UInt64(packet.ClientTimestamp);
                w.UInt64(packet.ServerTimestamp);
                w.UInt32(packet.Sequence);
                break;
        }
        Key.Apply(frame, frame, 0);
    }

    /// <summary>Encodes one frame into a new array: for a broadcast that is encoded once and sent to many.</summary>
    public byte[] Encode(in Packet packet)
    {
        var buffer = new ArrayBufferWriter<byte>(MeasureFrame(packet));
        Write(packet, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The encoded size of a frame; throws when it would exceed the maximum frame size.</summary>
    public int MeasureFrame(in Packet packet)
    {
        long size = HeaderSize + TypeSize;
        switch (packet.Type)
        {
            case PacketType.ReqRegistChattingName or PacketType.AnsNewUserNotify or PacketType.AnsExitUser:
                size += StringSize(packet.Name);
                break;
            case PacketType.ReqChatExit when packet.Name is not null:
                size += StringSize(packet.Name);
                break;
            case PacketType.ReqChatting:
                size += StringSize(packet.Text) + 8;
                break;
            case PacketType.AnsChatting:
                size += StringSize(packet.Name) + StringSize(packet.Text) + 8;
                break;
            case PacketType.AnsUserList:
                size += 4;
                foreach (var name in packet.Names ?? [])
                    size += StringSize(name);
                break;
            case PacketType.ReqPing:
                size += 12;
                break;
            case PacketType.AnsPong:
                size += 20;
                break;
        }
        if (size > MaxFrameSize)
            throw new FrameTooLargeException(packet.Type, size, MaxFrameSize);
        return (int)size;
    }

    /// <summary>Whether a chat text fits a frame: callers check user input before sending it.</summary>
    public bool FitsChat(string text) => HeaderSize + TypeSize + StringSize(text) + 8 <= MaxFrameSize;

    private int StringSize(string? s) => 4 + TextEncoding.GetByteCount(s ?? "");
}

/// <summary>Thrown when asked to encode a frame the peer would reject as too long.</summary>
public sealed class FrameTooLargeException(PacketType type, long size, int max)
    : InvalidOperationException($"{type} frame of {size} bytes exceeds the maximum frame size {max}");
