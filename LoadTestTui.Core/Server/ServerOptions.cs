using System.Net;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Server;

/// <summary>How the reference chat server listens and bounds its work. Immutable; <see cref="Validate"/> lists every problem at once.</summary>
public sealed record ServerOptions
{
    /// <summary>The original server caps names at 63 bytes; a user list frame must hold at least one such name.</summary>
    public const int MaxNameBytes = 63;

    /// <summary>Header, type, list count and one longest name: the smallest frame size the server can work with.</summary>
    public const int MinServerFrameSize = 4 + 8 + 4 + 4 + MaxNameBytes;

    public static ServerOptions Default { get; } = new();

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 asks the operating system for a free port; <see cref="ChatServer.Port"/> tells which.</summary>
    public int Port { get; init; } = 9200;

    /// <summary>Connections beyond this are accepted and closed at once (counted as rejected).</summary>
    public int MaxSessions { get; init; } = 20_000;

    public ProtocolOptions Protocol { get; init; } = ProtocolOptions.Default;

    /// <summary>Queue entries (a frame, or one tick's gathered broadcasts for the session) a session may have waiting before it is dropped as a slow reader.</summary>
    public int SendQueueFrames { get; init; } = 1024;

    /// <summary>
    /// Bytes a session may have queued (or in flight to the socket) before it is dropped as a slow
    /// reader. Large enough for the user list of 20,000 longest names (~1.3 MB).
    /// </summary>
    public int SendQueueBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// How long a session that has just sent lets further frames gather before it sends again:
    /// under a broadcast storm each session then sends many frames per syscall. A session that
    /// has not sent during the current tick sends at once, so a quiet server adds no latency.
    /// Under heavy load the server stretches it (see <see cref="FlushTicker"/>). Zero sends every
    /// batch as soon as its writer runs.
    /// </summary>
    public TimeSpan FlushLinger { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The server-wide send rate from which the server counts as busy: writers linger and broadcasts
    /// are gathered until the next tick (see <see cref="Broadcaster"/>). Zero makes it always busy,
    /// which tests use to exercise the gathering path without generating load.
    /// </summary>
    internal double BusyFlushesPerSecond { get; init; } = FlushTicker.BusyFlushesPerSecond;

    /// <summary>Longer lingers would be felt as chat latency; this bound catches unit mistakes.</summary>
    public static readonly TimeSpan MaxFlushLinger = TimeSpan.FromSeconds(1);

    /// <summary>Pending connections the kernel may hold before we accept them: bots connect in bursts.</summary>
    public int ListenBacklog { get; init; } = 4096;

    /// <summary>How often the CLI prints a stats line; zero turns it off.</summary>
    public TimeSpan StatsInterval { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
            problems.Add("--host must not be empty.");
        else if (ResolveHost(Host) is null)
            problems.Add($"--host '{Host}' must be an IP address or 'localhost'.");
        if (Port is < 0 or > 65535)
            problems.Add($"--port must be 0-65535, 0 for any free port (got {Port}).");
        if (MaxSessions < 1)
            problems.Add($"--max-sessions must be at least 1 (got {MaxSessions}).");
        problems.AddRange(Protocol.Validate());
        if (Protocol.MaxFrameSize < MinServerFrameSize)
            problems.Add($"--max-frame must be at least {MinServerFrameSize} bytes for the server (a user list must hold one {MaxNameBytes}-byte name).");
        if (SendQueueFrames < 1)
            problems.Add($"--send-queue must be at least 1 frame (got {SendQueueFrames}).");
        if (SendQueueBytes < Protocol.MaxFrameSize)
            problems.Add($"the send queue byte bound ({SendQueueBytes}) must hold at least one maximum frame ({Protocol.MaxFrameSize}).");
        if (FlushLinger < TimeSpan.Zero || FlushLinger > MaxFlushLinger)
            problems.Add($"--flush-linger must be 0 (off) to {MaxFlushLinger.TotalMilliseconds:0} ms (got {FlushLinger.TotalMilliseconds} ms).");
        if (ListenBacklog < 1)
            problems.Add($"the listen backlog must be at least 1 (got {ListenBacklog}).");
        if (StatsInterval < TimeSpan.Zero)
            problems.Add("--stats-interval must be 0 (off) or positive.");
        return problems;
    }

    /// <summary>An IP literal or "localhost"; other names are refused rather than resolved, so binding is predictable.</summary>
    internal static IPAddress? ResolveHost(string host)
    {
        var trimmed = host.Trim();
        if (trimmed.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;
        return IPAddress.TryParse(trimmed.Trim('[', ']'), out var address) ? address : null;
    }
}
