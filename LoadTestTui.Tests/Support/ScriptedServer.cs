using System.Net;
using System.Net.Sockets;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A tiny TCP server on 127.0.0.1 (ephemeral port) that runs a script against every
/// connection: the misbehaving peer for hostile-server tests. Disposing it closes everything.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<Socket, int, CancellationToken, Task> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    public ScriptedServer(Func<Socket, int, CancellationToken, Task> script)
    {
        _script = script;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var index = Interlocked.Increment(ref _accepted);
                lock (_connections)
                    _connections.Add(RunScriptAsync(socket, index));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RunScriptAsync(Socket socket, int index)
    {
        try
        {
            await _script(socket, index, _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // The peer went away or we are stopping: that is the point of most scripts.
        }
        finally
        {
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] running;
        lock (_connections)
            running = [.. _connections];
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    /// <summary>Reads whatever the client sends until it closes or the token fires (a silent, draining peer).</summary>
    public static async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Waits for the client's first bytes (its register frame); false when it closed first.</summary>
    public static async Task<bool> ReceiveSomeAsync(Socket socket, CancellationToken cancellationToken) =>
        await socket.ReceiveAsync(new byte[4096], cancellationToken) > 0;

    /// <summary>Closes with a TCP reset instead of a graceful FIN.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
