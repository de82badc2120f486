using System.IO.Pipelines;
using System.Net.Sockets;

namespace LoadTestTui.Core.Protocol;

/// <summary>Pipes over a connected socket, tuned for many mostly idle connections.</summary>
public static class SocketPipes
{
    /// <summary>
    /// Zero-byte reads park an idle connection without holding a buffer: with twenty thousand
    /// quiet sockets that is the difference between kilobytes and tens of megabytes.
    /// </summary>
    public static PipeReader CreateReader(NetworkStream stream) =>
        PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 512, leaveOpen: true, useZeroByteReads: true));

    public static PipeWriter CreateWriter(NetworkStream stream) =>
        PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 512, leaveOpen: true));
}
