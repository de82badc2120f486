using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace LoadTestTui.Core.Protocol;

/// <summary>
/// The one framing loop: reads frames from a <see cref="PipeReader"/> and hands each to a
/// handler until the peer closes, a frame is malformed, the handler stops or we cancel.
/// Because the codec rejects an oversized length before waiting for its body, the pipe
/// never buffers more than one maximum frame plus one read.
/// </summary>
public static class FrameLoop
{

    /// <summary>The frame loop for a handler that wants decoded packets (strings allocated per frame).</summary>
    public static Task<FrameLoopEnd> RunAsync(PipeReader reader, FrameCodec codec, IPacketHandler handler, CancellationToken cancellationToken) =>
        RunAsync(reader, codec, new PacketDecoder(handler), cancellationToken);

    /// <summary>The frame loop for a handler that reads frames in their wire form (nothing allocated per frame).</summary>
    public static async Task<FrameLoopEnd> RunAsync(PipeReader reader, FrameCodec codec, IFrameHandler handler, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var end = DrainFrames(ref buffer, codec, handler);
                if (end is { } stop)
                {
                    reader.AdvanceTo(buffer.Start);
                    return stop;
                }
                if (result.IsCanceled)
                {
                    reader.AdvanceTo(buffer.Start);
                    return new(FrameLoopEndKind.Cancelled);
                }
                if (result.IsCompleted)
                {
                    var pending = buffer.Length;
                    reader.AdvanceTo(buffer.End);
                    return pending == 0
                        ? new(FrameLoopEndKind.RemoteClosed)
                        : new(FrameLoopEndKind.Truncated, new ProtocolError(ProtocolErrorKind.TruncatedFrame, $"{pending} bytes of an unfinished frame"), $"{pending} bytes pending");
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(FrameLoopEndKind.Cancelled);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            return new(FrameLoopEndKind.ConnectionReset, Detail: Describe(ex));
        }
    }

    /// <summary>
    /// Hands every complete frame at the front of <paramref name="buffer"/> to the handler and
    /// advances past it; returns null when the rest is incomplete, or why the loop must end.
    /// Synchronous and allocation-free: a frame inside a segment is read in place; one that
    /// straddles two buffer segments is copied to a pooled array (no stack buffer: zeroing one
    /// on every read would cost more than the copies).
    /// </summary>
    public static FrameLoopEnd? DrainFrames(ref ReadOnlySequence<byte> buffer, FrameCodec codec, IFrameHandler handler)
    {
        while (true)
        {
            switch (codec.TryReadLength(buffer, out var length, out var error))
            {
                case ReadStatus.Incomplete:
                    return null;
                case ReadStatus.Malformed:
                    return new FrameLoopEnd(FrameLoopEndKind.ProtocolError, error);
            }
            byte[]? rented = null;
            var first = buffer.FirstSpan;
            ReadOnlySpan<byte> masked;
            if (first.Length >= length)
            {
                masked = first[..length];
            }
            else
            {
                var copy = (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
                buffer.Slice(0, length).CopyTo(copy);
                masked = copy;
            }
            try
            {
                if (!codec.TryParse(masked, out var frame, out error))
                    return new FrameLoopEnd(FrameLoopEndKind.ProtocolError, error);
                buffer = buffer.Slice(length);
                if (!handler.OnFrame(frame))
                    return new FrameLoopEnd(FrameLoopEndKind.StoppedByHandler);
            }
            finally
            {
                if (rented is not null)
                    ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A short, stable description of a transport failure (socket error name, not a stack trace).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        SocketException se => se.SocketErrorCode.ToString(),
        IOException { InnerException: SocketException se } => se.SocketErrorCode.ToString(),
        ObjectDisposedException => "closed",
        _ => ex.Message,
    };
}
