using System.Net.Sockets;
using System.Threading.Channels;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A server that registers at most a fixed number of users per second, in arrival order (a
/// server at its knee). It counts the registrations waiting for an answer, so a test sees from
/// the server's side how many handshakes a client piles on it.
/// </summary>
internal sealed class ThrottledRegistrar : IAsyncDisposable
{
    private static readonly byte[] UserList = FrameCodec.Default.Encode(Packet.UserList([]));

    private readonly Channel<Socket> _waiting = Channel.CreateUnbounded<Socket>();
    private readonly ScriptedServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _registrar;
    private readonly double _perSecond;
    private int _pending;
    private int _peakPending;
    private int _registered;

    public ThrottledRegistrar(double perSecond)
    {
        _perSecond = perSecond;
        _server = new ScriptedServer(ServeAsync);
        _registrar = RegisterAsync();
    }

    public int Port => _server.Port;

    /// <summary>The most registrations that ever waited for an answer at once.</summary>
    public int PeakPending => Volatile.Read(ref _peakPending);

    public int Registered => Volatile.Read(ref _registered);

    private async Task ServeAsync(Socket socket, int index, CancellationToken ct)
    {
        if (!await ScriptedServer.ReceiveSomeAsync(socket, ct))
            return; // gone before registering
        var pending = Interlocked.Increment(ref _pending);
        InterlockedMax(ref _peakPending, pending);
        await _waiting.Writer.WriteAsync(socket, ct);
        await ScriptedServer.DrainAsync(socket, ct);
    }

    /// <summary>Answers the oldest waiting registrations at the fixed rate, on a 20 ms step.</summary>
    private async Task RegisterAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answered = 0L;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var due = (long)(clock.Elapsed.TotalSeconds * _perSecond);
                // A quiet spell banks no answers: the rate holds from when work is waiting.
                if (!_waiting.Reader.TryPeek(out _))
                    answered = Math.Max(answered, due - 1);
                while (answered < due && _waiting.Reader.TryRead(out var socket))
                {
                    answered++;
                    Interlocked.Decrement(ref _pending);
                    Interlocked.Increment(ref _registered);
                    try
                    {
                        await socket.SendAsync(UserList, _stop.Token);
                    }
                    catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                    {
                        // That client left while waiting.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
                return;
            seen = previous;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _registrar;
        await _server.DisposeAsync();
        _stop.Dispose();
    }
}
