using System.Buffers;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// The rtt phase's smallest possible chat server: one blocking thread per connection answers a
/// registration with a user list, a ping with its pong and a chat with its echo, and nothing else.
/// A bot's round trip against it is the bot's own share of a round trip, with no server machinery.
/// </summary>
internal sealed class BenchEchoServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly FrameCodec _codec;
    private readonly List<Socket> _sessions = [];

    public BenchEchoServer(FrameCodec codec)
    {
        _codec = codec;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        new Thread(Accept) { IsBackground = true, Name = "bench-echo-accept" }.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public void Dispose()
    {
        _listener.Dispose();
        lock (_sessions)
        {
            foreach (var session in _sessions)
                session.Dispose();
        }
    }

    private void Accept()
    {
        try
        {
            while (true)
            {
                var session = _listener.Accept();
                session.NoDelay = true;
                lock (_sessions)
                    _sessions.Add(session);
                new Thread(() => Serve(session)) { IsBackground = true, Name = "bench-echo" }.Start();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private void Serve(Socket session)
    {
        var buffer = new byte[_codec.MaxFrameSize * 2];
        var have = 0;
        try
        {
            while (true)
            {
                var read = session.Receive(buffer, have, buffer.Length - have, SocketFlags.None);
                if (read == 0)
                    return;
                have += read;
                var pending = new ReadOnlySequence<byte>(buffer, 0, have);
                while (_codec.TryRead(pending, out var packet, out var consumed, out _) == ReadStatus.Complete)
                {
                    pending = pending.Slice(consumed);
                    if (Answer(packet) is { } answer)
                        session.Send(answer);
                }
                var left = (int)pending.Length;
                pending.CopyTo(buffer);
                have = left;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The bot or the bench went away.
        }
    }

    private byte[]? Answer(in Packet packet) => packet.Type switch
    {
        PacketType.ReqRegistChattingName => _codec.Encode(Packet.UserList([packet.Name ?? ""])),
        PacketType.ReqPing => _codec.Encode(Packet.Pong(packet.ClientTimestamp, 0, packet.Sequence)),
        PacketType.ReqChatting => _codec.Encode(Packet.ChatMessage("echo", "-> : " + packet.Text, 0)),
        _ => null,
    };
}
