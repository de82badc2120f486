using System.Buffers;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// Bytes a connection has accepted to send that the kernel has not taken yet: one pooled buffer
/// that grows as needed, bounded by <see cref="LoopConnection.MaxUnsent"/>, returned when empty.
/// Not thread-safe; its connection guards it.
/// </summary>
internal sealed class SendBacklog
{
    private byte[]? _buffer;
    private int _start;
    private int _end;

    public int Length => _end - _start;

    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, Length);

    /// <summary>Adds <paramref name="bytes"/>; false (nothing added) when the backlog would pass its bound.</summary>
    public bool TryAppend(ReadOnlySpan<byte> bytes)
    {
        var queued = Length;
        if (queued + bytes.Length > LoopConnection.MaxUnsent)
            return false;
        if (_buffer is null || _end + bytes.Length > _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(4096, (queued + bytes.Length) * 2));
            if (_buffer is not null)
            {
                Pending.CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            (_buffer, _start, _end) = (grown, 0, queued);
        }
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
        return true;
    }

    /// <summary>The first <paramref name="count"/> bytes went out; an emptied backlog returns its buffer.</summary>
    public void Consume(int count)
    {
        _start += count;
        if (_start == _end)
            Release();
    }

    /// <summary>Hands the whole backlog over (the caller returns the buffer to the pool); null when empty.</summary>
    public (byte[] Buffer, int Length)? TakeAll()
    {
        if (_buffer is null || Length == 0)
            return null;
        if (_start != 0)
            Pending.CopyTo(_buffer); // to the front (an overlapping copy is safe)
        var taken = (_buffer, Length);
        (_buffer, _start, _end) = (null, 0, 0);
        return taken;
    }

    public void Release()
    {
        if (_buffer is not null)
            ArrayPool<byte>.Shared.Return(_buffer);
        (_buffer, _start, _end) = (null, 0, 0);
    }
}
