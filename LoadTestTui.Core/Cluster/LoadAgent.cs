using System.Collections.Immutable;
using System.Threading.Channels;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// A load generator in a cluster: announces itself on its cluster's subjects, takes work from
/// one controller at a time, runs its share of the bots with the normal <see cref="BotEngine"/>
/// and publishes an <see cref="AgentReport"/> per tick. It stops its bots when its controller
/// falls silent, so a vanished controller leaves no orphan load.
/// </summary>
public sealed partial class LoadAgent
{
    private readonly AgentOptions _options;
    private readonly ClusterSubjects _subjects;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Channel<AgentReport> _outbox = Channel.CreateBounded<AgentReport>(new BoundedChannelOptions(1024) { SingleReader = true });

    private readonly CpuMeter _cpu = new();
    private AgentWork? _work;
    private long _sequence;
    private long _droppedReports;

    public LoadAgent(AgentOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        _options = options;
        _subjects = new ClusterSubjects(options.Cluster);
        _logger = logger ?? NullLogger.Instance;
        Id = Guid.NewGuid().ToString("N")[..12];
    }

    public string Id { get; }

    public string Name => _options.Name;

    /// <summary>The latest snapshot of the agent's own engine (the final one once a run has ended); null before any work.</summary>
    public EngineSnapshot? LastRunSnapshot { get; private set; }

    /// <summary>Completes once the agent is connected and listening (for callers that print a ready line).</summary>
    public Task Ready => _ready.Task;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Serves the cluster until <paramref name="cancellationToken"/> is cancelled, then stops any work (bots say goodbye).</summary>
    /// <exception cref="NatsException">The NATS server cannot be reached or refuses the credentials.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var nats = new NatsConnection(_options.Nats.ToOpts($"loadtest-agent {Name}"));
        await nats.ConnectAsync().ConfigureAwait(false);
        await using var commands = await nats.SubscribeCoreAsync<byte[]>(_subjects.Commands(Id), cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var beats = await nats.SubscribeCoreAsync<byte[]>(_subjects.Control, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publisher = PublishAsync(nats);
        var loops = new[]
        {
            ServeCommandsAsync(commands, stopping.Token),
            HearBeatsAsync(beats, stopping.Token),
            WatchAsync(stopping.Token),
        };
        _logger.LogInformation("agent {Name} ({Id}) joined cluster {Cluster}", Name, Id, _options.Cluster);
        _ready.TrySetResult();
        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to leave.
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            if (CurrentWork() is { } work)
                await StopWorkAsync(work, "agent shutting down").ConfigureAwait(false);
            _outbox.Writer.TryComplete();
            await publisher.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private AgentWork? CurrentWork()
    {
        lock (_gate)
            return _work;
    }

    /// <summary>Presence while idle; the controller watchdog while working.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var lastPresence = 0L;
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var work = CurrentWork();
            if (work is null)
            {
                if (MonoClock.MicrosecondsSince(lastPresence) >= _options.PresenceInterval.TotalMicroseconds)
                {
                    lastPresence = MonoClock.Now;
                    Enqueue(IdleReport());
                }
                continue;
            }
            var silent = TimeSpan.FromMicroseconds(MonoClock.MicrosecondsSince(work.LastBeat));
            if (work.Stopping is null && silent > work.ControllerTimeout)
            {
                _logger.LogWarning("controller {Controller} silent for {Seconds:0.#} s: stopping {Bots} bots", work.ControllerId, silent.TotalSeconds, work.Engine.Latest.TotalBots);
                _ = StopWorkAsync(work, "controller silent");
            }
        }
    }

    private async Task HearBeatsAsync(INatsSub<byte[]> beats, CancellationToken cancellationToken)
    {
        await foreach (var message in beats.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (message.Data is null || ClusterJson.Decode<ControllerBeat>(message.Data, out _) is not { } beat)
                continue;
            var work = CurrentWork();
            if (work is null || beat.ControllerId != work.ControllerId)
                continue; // another controller's beat: not ours to obey
            work.LastBeat = MonoClock.Now;
            work.RowLimit = Math.Max(0, beat.RowLimit);
            work.Engine.SetRemoteOnline(beat.ClusterOnline - work.LocalOnline);
        }
    }

    private void Enqueue(AgentReport report)
    {
        if (!_outbox.Writer.TryWrite(report) && Interlocked.Increment(ref _droppedReports) == 1)
            _logger.LogWarning("the NATS connection cannot keep up: reports dropped");
    }

    private async Task PublishAsync(NatsConnection nats)
    {
        await foreach (var report in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await nats.PublishAsync(_subjects.Reports, ClusterJson.Encode(report)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NatsException or ObjectDisposedException)
            {
                _logger.LogWarning("report not published: {Message}", ex.Message);
            }
        }
    }

    private AgentReport IdleReport() => new()
    {
        AgentId = Id,
        Name = Name,
        Host = Environment.MachineName,
        ProcessId = Environment.ProcessId,
        Sequence = Interlocked.Increment(ref _sequence),
        CpuPercent = _cpu.Read(),
    };

    /// <summary>On the engine's tick thread, under its lock: the snapshot plus the histogram values since the last one.</summary>
    private void OnSnapshot(AgentWork work, EngineSnapshot snapshot)
    {
        var rows = work.AllRowsOnce ? snapshot.Bots
            : work.RowLimit > 0 ? snapshot.Bots[..Math.Min(work.RowLimit, snapshot.Bots.Length)]
            : (ImmutableArray<BotRow>?)null;
        work.AllRowsOnce = false;
        work.LocalOnline = snapshot.States.Online;
        work.LastSequence = EnqueueWork(work, snapshot, rows, final: false);
    }

    /// <summary>
    /// Enqueues a work report; rows beyond <see cref="AgentOptions.RowsPerReport"/> go first in row-only reports
    /// marked <see cref="AgentReport.MoreRows"/>. Returns the sequence of the report with the figures.
    /// </summary>
    private long EnqueueWork(AgentWork work, EngineSnapshot snapshot, ImmutableArray<BotRow>? rows, bool final)
    {
        var all = rows ?? [];
        var start = 0;
        for (; all.Length - start > _options.RowsPerReport; start += _options.RowsPerReport)
            Enqueue(IdleReport() with { ControllerId = work.ControllerId, RunId = work.RunId, Bots = all.Slice(start, _options.RowsPerReport), MoreRows = true });
        var report = WorkReport(work, snapshot, rows is null ? null : all[start..], final);
        Enqueue(report);
        return report.Sequence;
    }

    /// <summary>Events per report are capped (an error storm must not flood the bus); the agent's own log keeps them all.</summary>
    private const int EventsPerReport = 10;

    private static ImmutableArray<EngineEvent> Bounded(ImmutableArray<EngineEvent> events) =>
        events.Length <= EventsPerReport ? events
            : [.. events.Take(EventsPerReport - 1), new EngineEvent(events[^1].Time, EventLevel.Warning, $"... and {events.Length - EventsPerReport + 1} more events (in the agent's log)")];

    private AgentReport WorkReport(AgentWork work, EngineSnapshot snapshot, ImmutableArray<BotRow>? rows, bool final)
    {
        LastRunSnapshot = snapshot;
        var latencies = work.Engine.TakeUnreported();
        return IdleReport() with
        {
            ControllerId = work.ControllerId,
            RunId = work.RunId,
            Final = final,
            Figures = AgentFigures.From(snapshot, latencies),
            Events = Bounded(snapshot.Events),
            Bots = rows,
        };
    }
}
