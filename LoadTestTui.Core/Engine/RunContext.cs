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

    public RunContext(BotOptions options, EngineOptions engine, ILogger logger, string? runId = null)
    {
        Options = options;
        RunId = runId ?? ChatTag.NewRunId();
        Bots = new BotDirectory(options.FirstBotId);
        ChatRtt = new LatencyRecorder(engine.KeepUnreported);
        PingRtt = new LatencyRecorder(engine.KeepUnreported);
        FanOut = new LatencyRecorder(engine.KeepUnreported);
        Codec = new FrameCodec(options.Protocol);
        Events = new EventLog(engine.MaxEventsPerTick, logger);
        _addresses = new(() => ResolveAsync(options.Host));
    }

    public BotOptions Options { get; }
    public FrameCodec Codec { get; }
    public string RunId { get; }
    public EngineCounters Counters { get; } = new();
    public LatencyRecorder ChatRtt { get; }
    public LatencyRecorder PingRtt { get; }
    public LatencyRecorder FanOut { get; }
    public EventLog Events { get; }
    public BotDirectory Bots { get; }

    /// <summary>Cancelled to cut stragglers that did not finish their goodbye in time.</summary>
    public CancellationTokenSource HardStop { get; } = new();

    private volatile bool _chatPaused;
    private volatile int _remoteOnline;

    /// <summary>Bots online on the cluster's other agents (0 outside a cluster), told by the controller.</summary>
    public int RemoteOnline
    {
        get => _remoteOnline;
        set => _remoteOnline = value;
    }

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
