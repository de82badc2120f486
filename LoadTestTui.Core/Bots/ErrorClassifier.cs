using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>Maps transport failures to an error class and a short message (never a stack trace).</summary>
public static class ErrorClassifier
{
    public static (ErrorKind Kind, string Message) ForConnect(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => (ErrorKind.ConnectRefused, "connection refused"),
        SocketError.TimedOut => (ErrorKind.ConnectTimeout, "connect timed out"),
        SocketError.TooManyOpenSockets => (ErrorKind.Unreachable, "too many open files (local limit)"),
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => (ErrorKind.Unreachable, "host not found"),
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown => (ErrorKind.Unreachable, "host unreachable"),
        SocketError.AddressNotAvailable => (ErrorKind.Unreachable, "no local address/port available"),
        _ => (ErrorKind.ConnectionReset, $"connect failed: {error}"),
    };

    public static (ErrorKind Kind, string Message) ForLoopEnd(FrameLoopEnd end) => end.Kind switch
    {
        FrameLoopEndKind.RemoteClosed => (ErrorKind.ClosedByServer, "closed by server"),
        FrameLoopEndKind.Truncated => (ErrorKind.ProtocolError, $"closed mid-frame ({end.Detail})"),
        FrameLoopEndKind.ProtocolError => (ErrorKind.ProtocolError, $"protocol error: {end.Error}"),
        FrameLoopEndKind.ConnectionReset => (ErrorKind.ConnectionReset, $"connection reset ({end.Detail})"),
        _ => (ErrorKind.ConnectionReset, end.ToString()),
    };
}
