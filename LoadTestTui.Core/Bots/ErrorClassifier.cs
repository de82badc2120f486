using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>Maps transport failures to an error class and a short message (never a stack trace).</summary>
public static class ErrorClassifier
{
    public static (ErrorKind Kind, string Message) ForConnect(Exception ex) => Unwrap(ex) switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => (ErrorKind.ConnectRefused, "connection refused"),
        SocketException { SocketErrorCode: SocketError.TimedOut } => (ErrorKind.ConnectTimeout, "connect timed out"),
        SocketException { SocketErrorCode: SocketError.TooManyOpenSockets } => (ErrorKind.Unreachable, "too many open files (local limit)"),
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } => (ErrorKind.Unreachable, "host not found"),
        SocketException { SocketErrorCode: SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown } => (ErrorKind.Unreachable, "host unreachable"),
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => (ErrorKind.Unreachable, "no local address/port available"),
        SocketException se => (ErrorKind.ConnectionReset, $"connect failed: {se.SocketErrorCode}"),
        OperationCanceledException or TimeoutException => (ErrorKind.ConnectTimeout, "connect timed out"),
        var other => (ErrorKind.ConnectionReset, $"connect failed: {other.GetType().Name}"),
    };

    public static (ErrorKind Kind, string Message) ForLoopEnd(FrameLoopEnd end) => end.Kind switch
    {
        FrameLoopEndKind.RemoteClosed => (ErrorKind.ClosedByServer, "closed by server"),
        FrameLoopEndKind.Truncated => (ErrorKind.ProtocolError, $"closed mid-frame ({end.Detail})"),
        FrameLoopEndKind.ProtocolError => (ErrorKind.ProtocolError, $"protocol error: {end.Error}"),
        FrameLoopEndKind.ConnectionReset => (ErrorKind.ConnectionReset, $"connection reset ({end.Detail})"),
        _ => (ErrorKind.ConnectionReset, end.ToString()),
    };

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerException: { } inner } ? Unwrap(inner) : ex;
}
