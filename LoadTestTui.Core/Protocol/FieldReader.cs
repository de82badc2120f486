namespace LoadTestTui.Core.Protocol;

/// <summary>
/// Walks the fields of a masked frame, unmasking only the numbers it reads: strings are checked
/// and skipped by their byte counts, never decoded. Every read is bounds-checked and reports why it failed.
/// </summary>
internal ref struct FieldReader(ReadOnlySpan<byte> frame, XorKey key, int position)
{
    private readonly ReadOnlySpan<byte> _frame = frame;
    private int _position = position;

    public readonly int Remaining => _frame.Length - _position;

    public bool Int64(out long value, out ProtocolError error)
    {
        value = 0;
        if (!Need(8, "int64", out error))
            return false;
        value = key.Int64At(_frame, _position);
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
        value = key.Int32At(_frame, _position);
        _position += 4;
        return true;
    }

    /// <summary>Checks and skips one string; <paramref name="at"/> and <paramref name="length"/> locate its bytes in the frame.</summary>
    public bool String(out int at, out int length, out ProtocolError error)
    {
        at = 0;
        length = 0;
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
        at = _position;
        length = count;
        _position += count;
        return true;
    }

    /// <summary>Checks and skips a counted list of strings.</summary>
    public bool StringList(out int count, out ProtocolError error)
    {
        if (!Int32(out count, out error))
            return false;
        // Each name needs at least its 4-byte count: a larger count cannot be honest, and is
        // rejected before anything is sized from it.
        if (count < 0 || count > Remaining / 4)
        {
            error = new(ProtocolErrorKind.ListCountOutOfRange, $"list count {count} is impossible for {Remaining} remaining bytes");
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            if (!String(out _, out _, out error))
                return false;
        }
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
