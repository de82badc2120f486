using System.Buffers.Binary;

namespace LoadTestTui.Core.Protocol;

/// <summary>
/// The obfuscation key, repeated so that any 8 bytes of it starting at any phase can be read as
/// one word: masking and unmasking then XOR 8 bytes at a time, and a single field can be read
/// straight from the masked frame without unmasking the bytes around it.
/// </summary>
internal sealed class XorKey
{
    private readonly byte[] _repeated;
    private readonly int _length;

    public XorKey(ReadOnlySpan<byte> key)
    {
        _length = key.Length;
        _repeated = new byte[_length + 8];
        for (var i = 0; i < _repeated.Length && _length > 0; i++)
            _repeated[i] = key[i % _length];
    }

    /// <summary>XORs <paramref name="source"/> (which starts at byte <paramref name="offset"/> of its frame) into <paramref name="destination"/>; they may be the same span.</summary>
    public void Apply(ReadOnlySpan<byte> source, Span<byte> destination, int offset)
    {
        if (_length == 0)
        {
            source.CopyTo(destination);
            return;
        }
        var k = offset % _length;
        var i = 0;
        for (; i + 8 <= source.Length; i += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..],
                BinaryPrimitives.ReadUInt64LittleEndian(source[i..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(_repeated.AsSpan(k)));
            k += 8;
            while (k >= _length)
                k -= _length;
        }
        for (; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ _repeated[k]);
            if (++k == _length)
                k = 0;
        }
    }

    /// <summary>The little-endian int32 at <paramref name="offset"/> of a masked frame.</summary>
    public int Int32At(ReadOnlySpan<byte> frame, int offset) =>
        BinaryPrimitives.ReadInt32LittleEndian(frame[offset..]) ^ BinaryPrimitives.ReadInt32LittleEndian(Phase(offset));

    /// <summary>The little-endian int64 at <paramref name="offset"/> of a masked frame.</summary>
    public long Int64At(ReadOnlySpan<byte> frame, int offset) =>
        BinaryPrimitives.ReadInt64LittleEndian(frame[offset..]) ^ BinaryPrimitives.ReadInt64LittleEndian(Phase(offset));

    private ReadOnlySpan<byte> Phase(int offset) => _length == 0 ? _repeated : _repeated.AsSpan(offset % _length);
}
