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
    private const int StackBodyLimit = 16 * 1024;

    private readonly byte[] _key;

    public FrameCodec(ProtocolOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        Options = options;
        _key = Encoding.ASCII.GetBytes(options.Key);
        TextEncoding = TextEncodings.TryGet(options.Encoding)!;
    }

    public static FrameCodec Default { get; } = new(ProtocolOptions.Default);

    public ProtocolOptions Options { get; }

    public Encoding TextEncoding { get; }

    public int MaxFrameSize => Options.MaxFrameSize;

    /// <summary>
    /// Reads one frame from the front of <paramref name="input"/>. On <see cref="ReadStatus.Incomplete"/>
    /// nothing is consumed; on <see cref="ReadStatus.Malformed"/> the error says why. The frame's
    /// length is checked against the maximum before anything is sized from it.
    /// </summary>
    public ReadStatus TryRead(in ReadOnlySequence<byte> input, out Packet packet, out SequencePosition consumed, out ProtocolError error)
    {
        packet = default;
        error = default;
        consumed = input.Start;
        if (input.Length < HeaderSize)
            return ReadStatus.Incomplete;

        Span<byte> header = stackalloc byte[HeaderSize];
        input.Slice(0, HeaderSize).CopyTo(header);
        Unmask(header, 0);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < ProtocolOptions.MinFrameSize || length > MaxFrameSize)
        {
            error = new(ProtocolErrorKind.LengthOutOfRange, $"frame length {length} is outside {ProtocolOptions.MinFrameSize}..{MaxFrameSize}");
            return ReadStatus.Malformed;
        }
        if (input.Length < length)
            return ReadStatus.Incomplete;

        var bodyLength = length - HeaderSize;
        byte[]? rented = null;
        var body = bodyLength <= StackBodyLimit
            ? stackalloc byte[bodyLength]
            : (rented = ArrayPool<byte>.Shared.Rent(bodyLength)).AsSpan(0, bodyLength);
        try
        {
            input.Slice(HeaderSize, bodyLength).CopyTo(body);
            Unmask(body, HeaderSize);
            if (!TryParseBody(body, out packet, out error))
                return ReadStatus.Malformed;
            packet = packet with { FrameLength = length };
            consumed = input.GetPosition(length);
            return ReadStatus.Complete;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
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
        Unmask(frame, 0);
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

    private void Unmask(Span<byte> bytes, int offset)
    {
        if (_key.Length == 0)
            return;
        var k = offset % _key.Length;
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] ^= _key[k];
            if (++k == _key.Length)
                k = 0;
        }
    }

    private bool TryParseBody(ReadOnlySpan<byte> body, out Packet packet, out ProtocolError error)
    {
        packet = default;
        var r = new FieldReader(body, TextEncoding);
        if (!r.Int64(out var id, out error))
            return false;
        var type = (PacketType)id;
        var ok = type switch
        {
            PacketType.ReqExit or PacketType.AnsExit or PacketType.NotifyHeartbeat => Done(new Packet(type), out packet),
            PacketType.ReqRegistChattingName or PacketType.AnsNewUserNotify or PacketType.AnsExitUser =>
                r.String(out var name, out error) && Done(new Packet(type, Name: name), out packet),
            PacketType.ReqChatExit => r.Remaining == 0
                ? Done(Packet.ChatExit(), out packet)
                : r.String(out var exitName, out error) && Done(Packet.ChatExit(exitName), out packet),
            PacketType.ReqChatting => ReadChat(ref r, out packet, out error),
            PacketType.AnsChatting => ReadChatMessage(ref r, out packet, out error),
            PacketType.AnsUserList => r.StringList(out var names, out error) && Done(Packet.UserList(names!), out packet),
            PacketType.ReqPing => ReadPing(ref r, out packet, out error),
            PacketType.AnsPong => ReadPong(ref r, out packet, out error),
            _ => ReadForeign(id, out packet, out error),
        };
        if (!ok)
            return false;
        if (r.Remaining != 0 && !packet.IsForeign)
        {
            error = new(ProtocolErrorKind.TrailingBytes, $"{r.Remaining} trailing bytes after {type}");
            packet = default;
            return false;
        }
        return true;
    }

    private static bool Done(Packet value, out Packet packet)
    {
        packet = value;
        return true;
    }

    private static bool ReadChat(ref FieldReader r, out Packet packet, out ProtocolError error)
    {
        packet = default;
        if (!r.String(out var text, out error) || !r.UInt64(out var timestamp, out error))
            return false;
        packet = Packet.Chat(text!, timestamp);
        return true;
    }

    private static bool ReadChatMessage(ref FieldReader r, out Packet packet, out ProtocolError error)
    {
        packet = default;
        if (!r.String(out var name, out error) || !r.String(out var text, out error) || !r.UInt64(out var timestamp, out error))
            return false;
        packet = Packet.ChatMessage(name!, text!, timestamp);
        return true;
    }

    private static bool ReadPing(ref FieldReader r, out Packet packet, out ProtocolError error)
    {
        packet = default;
        if (!r.UInt64(out var timestamp, out error) || !r.UInt32(out var sequence, out error))
            return false;
        packet = Packet.Ping(timestamp, sequence);
        return true;
    }

    private static bool ReadPong(ref FieldReader r, out Packet packet, out ProtocolError error)
    {
        packet = default;
        if (!r.UInt64(out var client, out error) || !r.UInt64(out var server, out error) || !r.UInt32(out var sequence, out error))
            return false;
        packet = Packet.Pong(client, server, sequence);
        return true;
    }

    /// <summary>A login-server packet is framed like ours, but its fields are not ours to parse.</summary>
    private static bool ReadForeign(long id, out Packet packet, out ProtocolError error)
    {
        packet = default;
        error = default;
        if (!PacketTypes.IsForeignKnown(id))
        {
            error = new(ProtocolErrorKind.UnknownType, $"unknown packet type {id}");
            return false;
        }
        packet = new Packet((PacketType)id);
        return true;
    }
}

/// <summary>Thrown when asked to encode a frame the peer would reject as too long.</summary>
public sealed class FrameTooLargeException(PacketType type, long size, int max)
    : InvalidOperationException($"{type} frame of {size} bytes exceeds the maximum frame size {max}");
