using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Loops;
using LoadTestTui.Core.Protocol;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Core.Bots;

/// <summary>What every bot of one run shares: options, codec, counters, recorders and the bot directory.</summary>
internal sealed class RunContext
{
    private readonly Lazy<Task<IPAddress[]>> _addresses;

    public RunContext(BotOptions options, RunLimits engine, ILogger logger, string? runId = null)
    {
        Options = options;
        Clock = engine.Clock;
        Loops = engine.Loops;
        RunId = runId ?? ChatTag.NewRunId();
        Bots = new BotDirectory(options.FirstBotId);
        ChatRtt = new LatencyRecorder(LatencyKind.ChatEcho);
        PingRtt = new LatencyRecorder(LatencyKind.Ping);
        FanOut = new LatencyRecorder(LatencyKind.FanOut);
        Registration = new LatencyRecorder(LatencyKind.Registration);
        ConnectTime = new LatencyRecorder(LatencyKind.Connect);
        Recorders = [ChatRtt, PingRtt, FanOut, Registration, ConnectTime];
        Codec = new FrameCodec(options.Protocol);
        RunIdBytes = System.Text.Encoding.ASCII.GetBytes(RunId);
        Events = new EventLog(engine.MaxEventsPerTick, logger);
        BaseBehaviour = new BotBehaviour(options.ChatIntervalMin, options.ChatIntervalMax, options.HeartbeatInterval, options.PingInterval);
        Handshakes = new HandshakeWindow(engine.HandshakeWindowInitial, engine.HandshakeWindowMax, engine.HandshakeTarget, System.Diagnostics.Stopwatch.Frequency);
        Reconnects = new ReconnectPacer(engine.ReconnectsPerSecond, Math.Max(1, (int)(engine.ReconnectsPerSecond / 10)), System.Diagnostics.Stopwatch.Frequency);
        _addresses = new(() => ResolveAsync(options.Host));
    }

    public BotOptions Options { get; }

    /// <summary>The clock of the run's schedule (the engine's, a fake one in tests).</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// Whether stage behaviours are pinned by the engine rather than timed by the bots: bots time stages on
    /// <see cref="MonoClock"/>, which only follows the system clock; a fake clock moves when a test says.
    /// </summary>
    private bool StagesPinned => !ReferenceEquals(Clock, TimeProvider.System);

    /// <summary>The event loops the run's bots live on (the process's own unless a test gives others).</summary>
    public EventLoops Loops { get; }
    public FrameCodec Codec { get; }
    public string RunId { get; }

    /// <summary>The run id as the ASCII bytes a received tag is compared with.</summary>
    public byte[] RunIdBytes { get; }
    public EngineCounters Counters { get; } = new();
    public LatencyRecorder ChatRtt { get; }
    public LatencyRecorder PingRtt { get; }
    public LatencyRecorder FanOut { get; }

    /// <summary>Connect start to first user list, per connection that registered.</summary>
    public LatencyRecorder Registration { get; }

    /// <summary>Connect start to TCP connected.</summary>
    public LatencyRecorder ConnectTime { get; }

    /// <summary>Every recorder of the run, each of its own kind.</summary>
    public IReadOnlyList<LatencyRecorder> Recorders { get; }

    /// <summary>Bounds the handshakes in flight (first starts and reconnects alike).</summary>
    public HandshakeWindow Handshakes { get; }

    /// <summary>Paces the run's reconnects as a crowd.</summary>
    public ReconnectPacer Reconnects { get; }
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

    /// <summary>The load plan the run follows; null for a plain run.</summary>
    public LoadPlan? Plan { get; private set; }

    /// <summary>The stage the engine last announced (engine tick only).</summary>
    public int PlanStage { get; set; } = -1;

    // One reference, so a reader never sees the ends of one plan with the behaviours of another.
    private StageTable _stages = new([], []);

    private sealed record StageTable(long[] Ends, BotBehaviour[] Behaviours);

    /// <summary>The run's own behaviour, from its options.</summary>
    public BotBehaviour BaseBehaviour { get; }

    /// <summary>Makes the bots' behaviour follow <paramref name="plan"/>'s stages, counted from <paramref name="startTicks"/> (<see cref="MonoClock"/>).</summary>
    public void FollowPlan(LoadPlan plan, long startTicks)
    {
        Plan = plan;
        if (!EnterStage(Planner.At(plan, TimeSpan.Zero).StageIndex))
            FollowBehaviours(plan, startTicks);
    }

    /// <summary>
    /// Under a clock other than the system's, makes the bots follow stage <paramref name="index"/>'s behaviour
    /// until the engine enters another; returns whether it did (then the bots must be woken to see it).
    /// </summary>
    public bool EnterStage(int index)
    {
        if (!StagesPinned || Plan is not { } plan || index < 0 || index >= plan.Stages.Length)
            return false;
        var behaviour = plan.Stages[index].Behaviour?.ApplyTo(BaseBehaviour) ?? BaseBehaviour;
        SetStages(new StageTable([long.MaxValue], [behaviour]));
        return true;
    }

    /// <summary>
    /// Makes the bots' behaviour follow <paramref name="plan"/>'s stages from <paramref name="startTicks"/>, while the
    /// target is set from outside (a load agent's controller follows the plan); may be called again to re-anchor.
    /// </summary>
    public void FollowBehaviours(LoadPlan plan, long startTicks)
    {
        var ends = new long[plan.Stages.Length];
        var behaviours = new BotBehaviour[plan.Stages.Length];
        var end = TimeSpan.Zero;
        for (var i = 0; i < ends.Length; i++)
        {
            end += plan.Stages[i].Duration;
            ends[i] = startTicks + (long)(end.TotalSeconds * Stopwatch.Frequency);
            behaviours[i] = plan.Stages[i].Behaviour?.ApplyTo(BaseBehaviour) ?? BaseBehaviour;
        }
        SetStages(new StageTable(ends, behaviours));
    }

    private int _stagesVersion;

    /// <summary>Changes whenever the stage table is replaced: a bot looks at its behaviour again then, not only when a stage ends.</summary>
    public int StagesVersion => Volatile.Read(ref _stagesVersion);

    private void SetStages(StageTable stages)
    {
        Volatile.Write(ref _stages, stages);
        Interlocked.Increment(ref _stagesVersion);
    }

    /// <summary>
    /// The behaviour bots follow at <paramref name="now"/> (<see cref="MonoClock"/> ticks), and
    /// when it may next change: a bot sleeps no longer than that, so a new stage reaches every
    /// bot on time without a wake-up call. Pure lookup; safe from any thread.
    /// </summary>
    public BotBehaviour BehaviourAt(long now, out long changesAt)
    {
        var (ends, behaviours) = _stages;
        for (var i = 0; i < ends.Length; i++)
        {
            if (now < ends[i])
            {
                changesAt = ends[i];
                return behaviours[i];
            }
        }
        changesAt = long.MaxValue;
        return BaseBehaviour;
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
