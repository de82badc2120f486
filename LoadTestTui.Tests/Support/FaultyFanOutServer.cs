using System.Globalization;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Support;

/// <summary>What a <see cref="FaultyFanOutServer"/> does to one forwarded chat for one receiver.</summary>
public enum DeliveryFault
{
    /// <summary>Never sent to that receiver.</summary>
    Drop,

    /// <summary>Sent twice.</summary>
    Duplicate,

    /// <summary>Held back and sent right after the sender's next chat (so the two arrive swapped).</summary>
    Swap,
}

/// <summary>
/// A chat server for integrity tests: registers, answers pings and goodbyes, echoes every chat to
/// its sender, and forwards one chosen sender's chats to every other user - but only once the
/// expected number of users is registered, so every receiver hears the same first message. The
/// fault table says, for the n-th forwarded chat (0-based) and a receiver's bot id, what goes
/// wrong. It counts exactly what it delivered.
/// </summary>
internal sealed class FaultyFanOutServer : IAsyncDisposable
{
    private static readonly FrameCodec Codec = FrameCodec.Default;
    private readonly ScriptedServer _inner;
    private readonly int _sender;
    private readonly int _users;
    private readonly IReadOnlyDictionary<(int Forward, int Receiver), DeliveryFault> _faults;
    private readonly List<Session> _registered = [];
    private readonly Dictionary<int, byte[]> _held = [];
    private uint _firstForwarded;
    private long _delivered;
    private long _deliveredToAuditors;

    public FaultyFanOutServer(int sender, int users, IReadOnlyDictionary<(int Forward, int Receiver), DeliveryFault> faults)
    {
        _sender = sender;
        _users = users;
        _faults = faults;
        _inner = new ScriptedServer((socket, _, ct) => new Session(this, socket).RunAsync(ct));
    }

    public int Port => _inner.Port;

    public int Registered
    {
        get
        {
            lock (_registered)
                return _registered.Count;
        }
    }

    /// <summary>Chats of the chosen sender forwarded so far.</summary>
    public int Forwarded { get; private set; }

    /// <summary>Frames sent to receivers other than the sender (duplicates included).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The part of <see cref="Delivered"/> that went to audit receivers.</summary>
    public long DeliveredToAuditors => Interlocked.Read(ref _deliveredToAuditors);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private void OnChat(Session from, string text)
    {
        var echo = Codec.Encode(Packet.ChatMessage(from.Name!, "-> : " + text, 1));
        from.Send(echo);
        if (!ChatTag.TryParse(text, out _, out var senderId, out var sequence) || senderId != _sender)
            return;
        lock (_registered)
        {
            if (_registered.Count < _users)
                return;
            if (Forwarded == 0)
                _firstForwarded = sequence;
            var forward = (int)(sequence - _firstForwarded);
            Forwarded++;
            foreach (var to in _registered.Where(s => s != from))
            {
                var fault = _faults.TryGetValue((forward, to.Id), out var f) ? f : (DeliveryFault?)null;
                if (fault == DeliveryFault.Swap)
                {
                    _held[to.Id] = echo;
                    continue;
                }
                if (fault != DeliveryFault.Drop)
                    Deliver(to, echo);
                if (fault == DeliveryFault.Duplicate)
                    Deliver(to, echo);
                if (_held.Remove(to.Id, out var late))
                    Deliver(to, late);
            }
        }
    }

    private void Deliver(Session to, byte[] frame)
    {
        to.Send(frame);
        Interlocked.Increment(ref _delivered);
        if (to.Id <= SenderTable.AuditReceivers)
            Interlocked.Increment(ref _deliveredToAuditors);
    }

    private sealed class Session(FaultyFanOutServer server, Socket socket) : IPacketHandler
    {
        private readonly Lock _sendGate = new();

        public string? Name { get; private set; }

        public int Id { get; private set; }

        public async Task RunAsync(CancellationToken ct)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await FrameLoop.RunAsync(SocketPipes.CreateReader(stream), Codec, this, ct);
        }

        /// <summary>Blocking send under a lock: frames never interleave; a test's volumes never fill the socket buffer.</summary>
        public void Send(byte[] frame)
        {
            lock (_sendGate)
            {
                try
                {
                    socket.Send(frame);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    // The bot went away: nothing to deliver to.
                }
            }
        }

        public bool OnPacket(in Packet packet)
        {
            switch (packet.Type)
            {
                case PacketType.ReqRegistChattingName:
                    var name = packet.Name ?? "";
                    Name = name;
                    Id = int.Parse(name[(name.LastIndexOf('_') + 1)..], CultureInfo.InvariantCulture);
                    Send(Codec.Encode(Packet.UserList([])));
                    lock (server._registered)
                        server._registered.Add(this);
                    break;
                case PacketType.ReqChatting:
                    server.OnChat(this, packet.Text!);
                    break;
                case PacketType.ReqPing:
                    Send(Codec.Encode(Packet.Pong(packet.ClientTimestamp, 1, packet.Sequence)));
                    break;
                case PacketType.ReqChatExit:
                    lock (server._registered)
                        server._registered.Remove(this);
                    Send(Codec.Encode(Packet.ExitAnswer()));
                    break;
            }
            return true;
        }
    }
}
