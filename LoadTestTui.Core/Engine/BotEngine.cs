using System.Collections.Immutable;
using System.Reactive.Subjects;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Loops;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// Runs the bots and publishes an immutable <see cref="EngineSnapshot"/> every tick through
/// <see cref="Snapshots"/>. A late subscriber gets the latest snapshot first; the feed
/// completes when the engine is disposed. Commands return at once and never wait on bots:
/// the tick loop follows the ramp plan and the bots report through counters.
/// </summary>
public sealed partial class BotEngine : ILoadEngine
{
    private readonly ILogger _logger;
    private readonly BehaviorSubject<EngineSnapshot> _feed;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private readonly Task _tickLoop;
    private Run? _run;
    private Task _runFinished = Task.CompletedTask;
    private EngineSnapshot _latest;
    private bool _disposed;

    public BotEngine(BotOptions bots, EngineOptions? engine = null, ILogger? logger = null)
    {
        engine ??= EngineOptions.Default;
        var problems = bots.Validate().Concat(engine.Validate()).ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(bots));
        BotOptions = bots;
        Options = engine;
        _logger = logger ?? NullLogger.Instance;
        _assembler = new SnapshotAssembler(engine.Tick);
        _latest = IdleSnapshot();
        _feed = new BehaviorSubject<EngineSnapshot>(_latest);
        _tickLoop = TickLoopAsync(_disposing.Token);
    }

    public IObservable<EngineSnapshot> Snapshots => _feed;

    /// <summary>The latest snapshot (at most one tick old); after a stop or dispose, the final one.</summary>
    public EngineSnapshot Latest => Volatile.Read(ref _latest);

    /// <summary>Publishes a snapshot of this moment and returns it: for a user's stats or export, which must not be a tick stale.</summary>
    public EngineSnapshot SnapshotNow()
    {
        lock (_gate)
        {
            if (!_disposed)
                Publish();
            return Latest;
        }
    }

    public BotOptions BotOptions { get; }

    public EngineOptions Options { get; }

    /// <summary>What the event loops the bots live on have done so far (they may be shared with other engines of the process).</summary>
    public LoopFigures LoopFigures => (Options.Loops ?? EventLoops.Shared).Figures;

    /// <summary>Completes when the current run has ended (duration reached or stopped) and its final snapshot is published.</summary>
    public Task RunCompletion
    {
        get
        {
            lock (_gate)
                return _runFinished;
        }
    }

    /// <summary>Starts a run of <paramref name="count"/> bots at the ramp rate; a duration ends it by itself.</summary>
    /// <exception cref="InvalidOperationException">A run is already active.</exception>
    public void Start(int count, TimeSpan? duration = null, double? rampPerSecond = null) => Start(count, duration, rampPerSecond, null);

    /// <summary>
    /// Starts a run with a given run id: a load agent's bots share the cluster's id, so their tags match. With
    /// <paramref name="stages"/>, the bots follow its stages' behaviours from now (the target stays the caller's).
    /// </summary>
    internal void Start(int count, TimeSpan? duration, double? rampPerSecond, string? runId, LoadPlan? stages = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, BotDirectory.Capacity);
        StartRun(count, duration is { } d && d > TimeSpan.Zero ? d : null, rampPerSecond, plan: null, runId, stages);
    }

    /// <summary>
    /// Starts a run that follows <paramref name="plan"/>: the target (and the bots' behaviour)
    /// comes from the planner on every tick, the ramp rate caps how fast bots start, and the
    /// run ends with the plan's last stage.
    /// </summary>
    /// <exception cref="ArgumentException">The plan is invalid.</exception>
    /// <exception cref="InvalidOperationException">A run is already active.</exception>
    public void Start(LoadPlan plan, double? rampPerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(plan));
        if (plan.PeakTarget > BotDirectory.Capacity)
            throw new ArgumentOutOfRangeException(nameof(plan), $"the plan asks for more than {BotDirectory.Capacity} bots");
        StartRun(Planner.At(plan, TimeSpan.Zero).Target, plan.Total, rampPerSecond, plan, null);
    }

    private void StartRun(int count, TimeSpan? duration, double? rampPerSecond, LoadPlan? plan, string? runId, LoadPlan? stages = null)
    {
        if (rampPerSecond is <= 0)
            throw new ArgumentOutOfRangeException(nameof(rampPerSecond), "the ramp must be positive bots per second");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_run is { IsActive: true })
                throw new InvalidOperationException("a run is already active: stop it first, or scale it");
            var context = new RunContext(BotOptions, Options.RunLimits, _logger, runId);
            if (plan is not null)
                context.FollowPlan(plan, MonoClock.Now);
            else if (stages is not null)
                context.FollowBehaviours(stages, MonoClock.Now);
            var now = MonoClock.Now;
            _assembler.Reset(now);
            _unreported.Reset();
            (_previousReconnects, _previousTicks) = (0, now);
            _run = new Run(context, count, duration, rampPerSecond ?? Options.RampPerSecond);
            _runFinished = FinishAsync(_run);
            context.Events.Add(EventLevel.Info, plan is null
                ? $"run started: {count} bots at {_run.RampPerSecond:0.#}/s" + (_run.Duration is { } limit ? $" for {limit.TotalSeconds:0.#} s" : "")
                : $"run started: plan of {plan.Stages.Length} stages over {DurationText.Format(plan.Total)}, peak {plan.PeakTarget} bots, ramp cap {_run.RampPerSecond:0.#}/s");
            ControlStep(_run);
        }
    }

    /// <summary>Grows or shrinks the running set: new bots ramp in, surplus bots say goodbye.</summary>
    public void ScaleTo(int count)
    {
        count = Math.Clamp(count, 0, BotDirectory.Capacity);
        lock (_gate)
        {
            if (_run is not { IsActive: true, Stopping: false } run)
                return;
            Retarget(run, count);
            _logger.LogInformation("scaled to {Count} bots", count);
            ControlStep(run);
        }
    }

    private static void Retarget(Run run, int count)
    {
        var growing = count > run.Target;
        run.Target = count;
        run.RestartRamp();
        if (!growing)
            run.TrimTo(count);
    }

    /// <summary>Every online bot sends <paramref name="text"/> now (tagged like any chat). Returns how many did.</summary>
    public int Broadcast(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Bot[] bots;
        lock (_gate)
            bots = _run is null ? [] : [.. _run.Bots]; // the ramp adds bots under the lock
        var sent = 0;
        foreach (var bot in bots)
        {
            if (bot.TryBroadcast(text))
                sent++;
        }
        // Commands are reported by whoever issued them; the log file keeps a record.
        _logger.LogInformation("broadcast sent by {Sent} bots: {Text}", sent, Text.TerminalText.Sanitize(text));
        return sent;
    }

    /// <summary>Pauses or resumes the bots' random chat (heartbeats, pings and broadcasts go on).</summary>
    public void SetChatPaused(bool paused)
    {
        lock (_gate)
        {
            if (_run is null || _run.Context.ChatPaused == paused)
                return;
            _run.Context.ChatPaused = paused;
            _logger.LogInformation(paused ? "chat paused" : "chat resumed");
        }
    }

    /// <summary>
    /// Stops the run gracefully: bots say goodbye; stragglers are cut after the stop timeout.
    /// Completes once the final snapshot is published (so <see cref="Latest"/> is final).
    /// </summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_run is not { } run)
                return Task.CompletedTask;
            run.BeginStop(Options.StopTimeout, _logger);
            return _runFinished;
        }
    }

    /// <summary>Bots online on the other agents of a cluster: a sender expects them to receive its chat too.</summary>
    internal void SetRemoteOnline(int count)
    {
        lock (_gate)
        {
            if (_run is not null)
                _run.Context.RemoteOnline = Math.Max(0, count);
        }
    }

    /// <summary>
    /// Bots follow the behaviours of <paramref name="plan"/>'s stages as if stage <paramref name="stage"/> (0-based) began
    /// now; the target stays the caller's (a load agent's controller follows the plan and scales each agent).
    /// </summary>
    internal void FollowStages(LoadPlan plan, int stage)
    {
        lock (_gate)
        {
            if (_run is not { IsActive: true } run)
                return;
            var into = Planner.StageStart(plan, Math.Clamp(stage, 0, plan.Stages.Length));
            run.Context.FollowBehaviours(plan, MonoClock.Now - (long)(into.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
        }
    }

    /// <summary>
    /// The latency values of the ticks since the last call, encoded by kind, for an agent to ship
    /// (kept only with <see cref="EngineOptions.KeepUnreported"/>); null when no run has started.
    /// </summary>
    internal ImmutableSortedDictionary<string, byte[]>? TakeUnreported()
    {
        lock (_gate)
        {
            if (_run is null)
                return null;
            var encoded = _unreported.Encode();
            _unreported.Reset();
            return encoded;
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        await StopAsync().ConfigureAwait(false);
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _tickLoop.ConfigureAwait(false);
        Publish();
        lock (_gate)
            _feed.OnCompleted();
        _disposing.Dispose();
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.Tick, Options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    lock (_gate)
                    {
                        if (_run is { } run)
                            ControlStep(run);
                    }
                    Publish();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failing subscriber or a bug in one tick must not end the feed.
                    _logger.LogError(ex, "engine tick failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>
    /// Builds and publishes a snapshot. Under the lock, so the feed never sees two at once
    /// (the lock is reentrant: a subscriber may call back into the engine).
    /// </summary>
    private void Publish()
    {
        lock (_gate)
        {
            var snapshot = BuildSnapshot(_run);
            Volatile.Write(ref _latest, snapshot);
            _feed.OnNext(snapshot);
        }
    }

    /// <summary>Waits for the run to end, then publishes its final snapshot at once rather than on the next tick.</summary>
    private async Task FinishAsync(Run run)
    {
        await run.Ended.Task.ConfigureAwait(false);
        Publish();
    }

    /// <summary>One step of the plan: follow the load plan's target, start the bots the ramp allows, and end the run when its time is up.</summary>
    private void ControlStep(Run run)
    {
        if (!run.IsActive || run.Stopping)
            return;
        if (run.Duration is { } limit && run.Elapsed >= limit)
        {
            run.Context.Events.Add(EventLevel.Info, $"duration of {limit.TotalSeconds:0.#} s reached: stopping");
            _ = run.BeginStop(Options.StopTimeout, _logger);
            return;
        }
        if (run.Context.Plan is { } plan && Planner.At(plan, run.Elapsed) is { Finished: false } point)
        {
            if (point.Target != run.Target)
                Retarget(run, point.Target);
            if (point.StageIndex != run.Context.PlanStage)
            {
                run.Context.PlanStage = point.StageIndex;
                if (run.Context.EnterStage(point.StageIndex))
                    run.WakeBots();
                var stage = plan.Stages[point.StageIndex];
                run.Context.Events.Add(EventLevel.Info, $"stage {point.StageIndex + 1}/{plan.Stages.Length}: {stage}");
            }
        }
        run.StartDueBots();
    }
}
