using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A chat server on 127.0.0.1 that answers like the reference server (user list, echo to the
/// sender, pong, exit) but delays every answer by <c>slowDelay</c> while more than
/// <c>knee</c> users are registered: a server with a known capacity, for the capacity search.
/// </summary>
internal sealed class SlowingServer : IAsyncDisposable
{
    private static readonly FrameCodec Codec = new(ProtocolOptions.Default);
    private readonly int _knee;
    private readonly TimeSpan _slowDelay;
    private readonly ScriptedServer _server;
    private int _users;

    public SlowingServer(int knee, TimeSpan slowDelay)
    {
        _knee = knee;
        _slowDelay = slowDelay;
        _server = new ScriptedServer(ServeAsync);
    }

    public int Port => _server.Port;

    public int Users => Volatile.Read(ref _users);

    private TimeSpan Delay => Users > _knee ? _slowDelay : TimeSpan.Zero;

    private async Task ServeAsync(Socket socket, int index, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var replies = Channel.CreateBounded<(long Due, byte[] Frame)>(4096);
        var session = new Session(this, replies.Writer);
        var writer = WriteAsync(socket, replies.Reader, cancellationToken);
        try
        {
            await FrameLoop.RunAsync(SocketPipes.CreateReader(stream), Codec, session, cancellationToken);
        }
        finally
        {
            if (session.Registered)
                Interlocked.Decrement(ref _users);
            replies.Writer.TryComplete();
            await writer;
        }
    }

    /// <summary>Sends each answer when it is due, in order.</summary>
    private static async Task WriteAsync(Socket socket, ChannelReader<(long Due, byte[] Frame)> replies, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (due, frame) in replies.ReadAllAsync(cancellationToken))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken);
                await socket.SendAsync(frame, SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client left or the server stops.
        }
    }

    private sealed class Session(SlowingServer server, ChannelWriter<(long Due, byte[] Frame)> replies) : IPacketHandler
    {
        private string _name = "";

        public bool Registered { get; private set; }

        public bool OnPacket(in Packet packet)
        {
            switch (packet.Type)
            {
                case PacketType.ReqRegistChattingName:
                    _name = packet.Name ?? "";
                    if (!Registered)
                        Interlocked.Increment(ref server._users);
                    Registered = true;
                    Reply(Packet.UserList([_name]), TimeSpan.Zero);
                    break;
                case PacketType.ReqChatting:
                    Reply(Packet.ChatMessage(_name, "-> : " + packet.Text, (ulong)Environment.TickCount64), server.Delay);
                    break;
                case PacketType.ReqPing:
                    Reply(Packet.Pong(packet.ClientTimestamp, (ulong)Environment.TickCount64, packet.Sequence), server.Delay);
                    break;
                case PacketType.ReqChatExit:
                    if (Registered)
                        Interlocked.Decrement(ref server._users);
                    Registered = false;
                    Reply(Packet.ExitAnswer(), TimeSpan.Zero);
                    break;
            }
            return true;
        }

        private void Reply(Packet packet, TimeSpan delay) =>
            replies.TryWrite((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), Codec.Encode(packet)));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
