using System.Net;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Core.Server;

/// <summary>The server's log lines, generated once (no boxing or formatting when the level is off).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {EndPoint} (max {MaxSessions} sessions)")]
    public static partial void Listening(ILogger logger, EndPoint endPoint, int maxSessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Remote} closed: {Reason}")]
    public static partial void ProtocolViolation(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {Remote} ({Name}) dropped as a slow reader: its send queue is full ({QueuedBytes} bytes queued)")]
    public static partial void SlowConsumer(ILogger logger, EndPoint? remote, string? name, long queuedBytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {Remote} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Remote} rejected: {MaxSessions} sessions already open")]
    public static partial void Rejected(ILogger logger, EndPoint? remote, int maxSessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting a connection failed ({Reason}); retrying")]
    public static partial void AcceptFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {Remote} failed unexpectedly")]
    public static partial void SessionFailed(ILogger logger, Exception exception, EndPoint? remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} sessions did not end within {Timeout} of shutdown")]
    public static partial void StopTimedOut(ILogger logger, int count, TimeSpan timeout);
}
