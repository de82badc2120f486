using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Protocol;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Core.Engine;

/// <summary>What every bot of one run shares: options, codec, counters, recorders and the bot directory.</summary>
internal sealed class RunContext
{
    private readonly Lazy<Task<IPAddress[]>> _addresses;

    public RunContext(BotOptions options, EngineOptions engine, ILogger logger)
    {
        Options = options;
        Codec = new FrameCodec(options.Protocol);
        RunIdBytes = System.Text.Encoding.ASCII.GetBytes(RunId);
        Events = new EventLog(engine.MaxEventsPerTick, logger);
        Handshakes = new HandshakeWindow(engine.HandshakeWindowInitial, engine.HandshakeWindowMax, engine.HandshakeTarget, System.Diagnostics.Stopwatch.Frequency);
        Reconnects = new ReconnectPacer(engine.ReconnectsPerSecond, Math.Max(1, (int)(engine.ReconnectsPerSecond / 10)), System.Diagnostics.Stopwatch.Frequency);
        _addresses = new(() => ResolveAsync(options.Host));
    }

    public BotOptions Options { get; }
    public FrameCodec Codec { get; }
    public string RunId { get; } = ChatTag.NewRunId();

    /// <summary>The run id as the ASCII bytes a received tag is compared with.</summary>
    public byte[] RunIdBytes { get; }
    public EngineCounters Counters { get; } = new();
    public LatencyRecorder ChatRtt { get; } = new();
    public LatencyRecorder PingRtt { get; } = new();
    public LatencyRecorder FanOut { get; } = new();

    /// <summary>Connect start to first user list, per connection that registered.</summary>
    public LatencyRecorder Registration { get; } = new();

    /// <summary>Connect start to TCP connected.</summary>
    public LatencyRecorder ConnectTime { get; } = new();

    /// <summary>Bounds the handshakes in flight (first starts and reconnects alike).</summary>
    public HandshakeWindow Handshakes { get; }

    /// <summary>Paces the run's reconnects as a crowd.</summary>
    public ReconnectPacer Reconnects { get; }
    public EventLog Events { get; }
    public BotDirectory Bots { get; } = new();

    /// <summary>Cancelled to cut stragglers that did not finish their goodbye in time.</summary>
    public CancellationTokenSource HardStop { get; } = new();

    private volatile bool _chatPaused;

    public bool ChatPaused
    {
        get => _chatPaused;
        set => _chatPaused = value;
    }

    /// <summary>The host's addresses, IPv4 first, resolved once per run rather than once per bot.</summary>
    public Task<IPAddress[]> Addresses => _addresses.Value;

    private static async Task<IPAddress[]> ResolveAsync(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
            return [literal];
        var all = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        return [.. all.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)];
    }
}
