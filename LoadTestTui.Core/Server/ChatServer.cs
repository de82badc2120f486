using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoadTestTui.Core.Server;

/// <summary>
/// The embedded reference chat server: byte-compatible with the original IOCP ChattingServer,
/// but it removes users on a dropped connection and closes only the offending session on
/// malformed input. One accept loop; per session one read loop and one writer task, all async.
/// </summary>
public sealed class ChatServer : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<ChatSession, byte> _sessions = new();
    private readonly Lock _stopGate = new();
    private Task _acceptLoop = Task.CompletedTask;
    private Task? _stopTask;

    private ChatServer(ServerOptions options, Socket listener, ILogger logger)
    {
        Options = options;
        _listener = listener;
        Logger = logger;
        Codec = new FrameCodec(options.Protocol);
        ExitAnswerFrame = Codec.Encode(Packet.ExitAnswer());
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        FlushTicker = options.FlushLinger > TimeSpan.Zero ? new FlushTicker(options.FlushLinger, options.BusyFlushesPerSecond) : null;
        Broadcaster = new Broadcaster(Codec, FlushTicker);
        FlushTicker?.OnTick(Broadcaster.HandOut);
    }

    public ServerOptions Options { get; }

    /// <summary>The address and port actually bound (the real port when <see cref="ServerOptions.Port"/> was 0).</summary>
    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public ServerStats Stats
    {
        get
        {
            long queued = 0;
            foreach (var session in _sessions.Keys)
                queued += session.QueuedBytes;
            return Counters.Snapshot(Broadcaster.Registry.Count, queued);
        }
    }

    internal FrameCodec Codec { get; }

    internal ServerCounters Counters { get; } = new();

    /// <summary>Joins, leaves and every frame that goes to all registered users.</summary>
    internal Broadcaster Broadcaster { get; }

    internal ILogger Logger { get; }

    /// <summary>S_ANS_EXIT has no fields: encoded once, shared by every answer.</summary>
    internal byte[] ExitAnswerFrame { get; }

    /// <summary>The shared clock of lingering session writers; null when <see cref="ServerOptions.FlushLinger"/> is zero.</summary>
    internal FlushTicker? FlushTicker { get; }

    internal bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Binds, listens and starts accepting. <paramref name="cancellationToken"/> covers the start only.</summary>
    /// <exception cref="ArgumentException">The options are invalid (every problem is in the message).</exception>
    /// <exception cref="ServerStartException">The address cannot be listened on (port in use, address not local...).</exception>
    public static Task<ChatServer> StartAsync(ServerOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));

        var listener = Listen(options);
        var server = new ChatServer(options, listener, logger ?? NullLogger.Instance);
        server._acceptLoop = server.AcceptLoopAsync();
        ServerLog.Listening(server.Logger, server.EndPoint, options.MaxSessions);
        return Task.FromResult(server);
    }

    /// <summary>Stops accepting, closes every session and waits (bounded) for them to end. Idempotent.</summary>
    public Task StopAsync()
    {
        lock (_stopGate)
            return _stopTask ??= StopCoreAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal void OnSessionEnded(ChatSession session)
    {
        _sessions.TryRemove(session, out _);
        Interlocked.Decrement(ref Counters.SessionsOpen);
    }

    private static Socket Listen(ServerOptions options)
    {
        var address = ServerOptions.ResolveHost(options.Host)!;
        var where = new IPEndPoint(address, options.Port).ToString();
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
                listener.DualMode = true;
            listener.Bind(new IPEndPoint(address, options.Port));
            listener.Listen(options.ListenBacklog);
            return listener;
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            var reason = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "the port is already in use",
                SocketError.AddressNotAvailable => "the address does not belong to this machine",
                SocketError.AccessDenied => "permission denied (ports below 1024 need privileges)",
                SocketError.AddressFamilyNotSupported => "this machine does not support that address family",
                _ => ex.Message,
            };
            throw new ServerStartException($"cannot listen on {where}: {reason}", ex);
        }
    }

    private async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // Typically out of file descriptors: the connection waits in the backlog; try again shortly.
                ServerLog.AcceptFailed(Logger, ex.SocketErrorCode.ToString());
                try
                {
                    await Task.Delay(AcceptRetryDelay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }
            Admit(socket);
        }
    }

    private void Admit(Socket socket)
    {
        if (Interlocked.Increment(ref Counters.SessionsOpen) > Options.MaxSessions)
        {
            Interlocked.Decrement(ref Counters.SessionsOpen);
            Interlocked.Increment(ref Counters.SessionsRejected);
            ServerLog.Rejected(Logger, socket.RemoteEndPoint, Options.MaxSessions);
            socket.Dispose();
            return;
        }
        Interlocked.Increment(ref Counters.SessionsAccepted);
        // Chat frames are small and latency is what bots measure.
        socket.NoDelay = true;
        var session = new ChatSession(this, socket);
        _sessions.TryAdd(session, 0);
        session.Start();
        // A stop that began after this accept may have missed the session in its snapshot.
        if (IsStopping)
            session.Abort();
    }

    private async Task StopCoreAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        Broadcaster.Clear();
        var sessions = _sessions.Keys.ToArray();
        foreach (var session in sessions)
            session.Abort();
        var all = Task.WhenAll(sessions.Select(s => s.Completion));
        if (await Task.WhenAny(all, Task.Delay(StopTimeout)).ConfigureAwait(false) != all)
            ServerLog.StopTimedOut(Logger, _sessions.Count, StopTimeout);
        FlushTicker?.Dispose();
        _stopping.Dispose();
    }
}
