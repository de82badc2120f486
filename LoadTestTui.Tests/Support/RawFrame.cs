using System.Buffers.Binary;
using System.Text;

namespace LoadTestTui.Tests.Support;

/// <summary>Builds frames by hand, byte by byte, for malformed input the codec would never write.</summary>
public sealed class RawFrame
{
    private readonly MemoryStream _body = new();

    public RawFrame Int64(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        _body.Write(b);
        return this;
    }

    public RawFrame Int32(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        _body.Write(b);
        return this;
    }

    public RawFrame Bytes(ReadOnlySpan<byte> bytes)
    {
        _body.Write(bytes);
        return this;
    }

    /// <summary>A well-formed string field: byte count, then UTF-8 bytes.</summary>
    public RawFrame String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return Int32(bytes.Length).Bytes(bytes);
    }

    /// <summary>The whole frame, length header first (the true length unless overridden), XORed with <paramref name="key"/>.</summary>
    public byte[] ToFrame(string key, int? length = null)
    {
        var frame = new byte[4 + _body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, length ?? frame.Length);
        _body.ToArray().CopyTo(frame, 4);
        return Mask(frame, key);
    }

    /// <summary>Just a length header, masked: for lengths the peer must reject before any body.</summary>
    public static byte[] Header(int length, string key)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        return Mask(header, key);
    }

    /// <summary>Header and body are masked with the key continuing across them, from key index 0.</summary>
    public static byte[] Mask(byte[] frame, string key)
    {
        var k = Encoding.ASCII.GetBytes(key);
        if (k.Length > 0)
        {
            for (var i = 0; i < frame.Length; i++)
                frame[i] ^= k[i % k.Length];
        }
        return frame;
    }
}
