using System.Buffers.Binary;
using System.Text;

namespace LoadTestTui.Core.Protocol;

/// <summary>Writes little-endian fields into a span already sized by <see cref="FrameCodec.MeasureFrame"/>.</summary>
internal ref struct FieldWriter(Span<byte> frame, Encoding encoding)
{
    private readonly Span<byte> _frame = frame;
    private int _position;

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_frame[_position..], value);
        _position += 4;
    }

    public void UInt32(uint value) => Int32(unchecked((int)value));

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_frame[_position..], value);
        _position += 8;
    }

    public void UInt64(ulong value) => Int64(unchecked((long)value));

    public void String(string value)
    {
        var count = encoding.GetBytes(value, _frame[(_position + 4)..]);
        Int32(count);
        _position += count;
    }
}
