using System.Buffers.Binary;
using System.Text;

namespace LoadTestTui.Core.Protocol;

/// <summary>Reads little-endian fields from a decoded body; every read is bounds-checked and reports why it failed.</summary>
internal ref struct FieldReader(ReadOnlySpan<byte> body, Encoding encoding)
{
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public bool Int64(out long value, out ProtocolError error)
    {
        value = 0;
        if (!Need(8, "int64", out error))
            return false;
        value = BinaryPrimitives.ReadInt64LittleEndian(_body[_position..]);
        _position += 8;
        return true;
    }

    public bool UInt64(out ulong value, out ProtocolError error)
    {
        var ok = Int64(out var raw, out error);
        value = unchecked((ulong)raw);
        return ok;
    }

    public bool UInt32(out uint value, out ProtocolError error)
    {
        var ok = Int32(out var raw, out error);
        value = unchecked((uint)raw);
        return ok;
    }

    public bool Int32(out int value, out ProtocolError error)
    {
        value = 0;
        if (!Need(4, "int32", out error))
            return false;
        value = BinaryPrimitives.ReadInt32LittleEndian(_body[_position..]);
        _position += 4;
        return true;
    }

    public bool String(out string? value, out ProtocolError error)
    {
        value = null;
        if (!Int32(out var count, out error))
            return false;
        if (count < 0)
        {
            error = new(ProtocolErrorKind.StringCountNegative, $"string byte count {count} is negative");
            return false;
        }
        if (count > Remaining)
        {
            error = new(ProtocolErrorKind.StringPastEnd, $"string of {count} bytes runs past the body ({Remaining} left)");
            return false;
        }
        value = encoding.GetString(_body.Slice(_position, count));
        _position += count;
        return true;
    }

    public bool StringList(out string[]? names, out ProtocolError error)
    {
        names = null;
        if (!Int32(out var count, out error))
            return false;
        // Each name needs at least its 4-byte count: a larger count cannot be honest, and is
        // rejected before an array is sized from it.
        if (count < 0 || count > Remaining / 4)
        {
            error = new(ProtocolErrorKind.ListCountOutOfRange, $"list count {count} is impossible for {Remaining} remaining bytes");
            return false;
        }
        var list = count == 0 ? [] : new string[count];
        for (var i = 0; i < count; i++)
        {
            if (!String(out var name, out error))
                return false;
            list[i] = name!;
        }
        names = list;
        return true;
    }

    private readonly bool Need(int size, string what, out ProtocolError error)
    {
        error = default;
        if (Remaining >= size)
            return true;
        error = new(ProtocolErrorKind.FieldPastEnd, $"{what} field runs past the body ({Remaining} bytes left)");
        return false;
    }
}
