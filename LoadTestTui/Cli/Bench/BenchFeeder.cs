using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// The ingest phase's fake server: accepts bots, answers each registration with an empty user
/// list, then writes prepared frames to every connection from one thread, a whole buffer per
/// send call, so its own cost per frame is next to nothing and is measured (its thread's CPU
/// time) to be taken out of the bot process's figure.
/// </summary>
internal sealed class BenchFeeder : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<(Socket Socket, int BotId)> _sessions = [];
    private readonly FrameCodec _codec;
    private readonly byte[] _userList;
    private readonly CancellationTokenSource _stop = new();

    public BenchFeeder(FrameCodec codec)
    {
        _codec = codec;
        _userList = codec.Encode(Packet.UserList([]));
        _listener.Start(backlog: 4096);
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// Sends each registered bot the buffer <paramref name="forBot"/> gives for its id, on a dedicated
    /// thread; returns that thread's CPU time (the feeder's own cost, kernel loopback delivery included).
    /// </summary>
    public Task<TimeSpan> FeedAsync(Func<int, byte[]> forBot)
    {
        (Socket Socket, int BotId)[] sessions;
        lock (_sessions)
            sessions = [.. _sessions];
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var before = ThreadCpu();
                foreach (var (socket, botId) in sessions)
                    socket.Send(forBot(botId));
                done.SetResult(ThreadCpu() - before);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                done.SetException(new InvalidOperationException($"the feeder lost a connection: {ex.Message}"));
            }
        }) { IsBackground = true, Name = "bench-feeder" };
        thread.Start();
        return done.Task;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sessions)
        {
            foreach (var (socket, _) in _sessions)
                socket.Dispose();
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
                socket.NoDelay = true;
                _ = RegisterAsync(socket);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <summary>Reads the registration, answers with the user list (the bot is then online) and remembers which bot it is.</summary>
    private async Task RegisterAsync(Socket socket)
    {
        try
        {
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
            if (_codec.TryRead(new System.Buffers.ReadOnlySequence<byte>(buffer, 0, received), out var packet, out _, out _) != ReadStatus.Complete
                || packet.Name is not { } name || !int.TryParse(name.AsSpan(name.LastIndexOf('_') + 1), System.Globalization.CultureInfo.InvariantCulture, out var botId))
            {
                socket.Dispose();
                return;
            }
            lock (_sessions)
                _sessions.Add((socket, botId));
            await socket.SendAsync(_userList, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The bot or the phase went away.
        }
    }

    /// <summary>The calling thread's CPU time, from /proc/thread-self/stat (zero where there is no /proc).</summary>
    private static TimeSpan ThreadCpu()
    {
        try
        {
            return ProcPidStat.TryParse(File.ReadAllText("/proc/thread-self/stat"), out var stat) ? stat.CpuTime : TimeSpan.Zero;
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
