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
    public static async Task<FrameLoopEnd> RunAsync(PipeReader reader, FrameCodec codec, IPacketHandler handler, CancellationToken cancellationToken)
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

    private static FrameLoopEnd? DrainFrames(ref System.Buffers.ReadOnlySequence<byte> buffer, FrameCodec codec, IPacketHandler handler)
    {
        while (true)
        {
            switch (codec.TryRead(buffer, out var packet, out var consumed, out var error))
            {
                case ReadStatus.Incomplete:
                    return null;
                case ReadStatus.Malformed:
                    return new FrameLoopEnd(FrameLoopEndKind.ProtocolError, error);
            }
            buffer = buffer.Slice(consumed);
            if (!handler.OnPacket(packet))
                return new FrameLoopEnd(FrameLoopEndKind.StoppedByHandler);
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
