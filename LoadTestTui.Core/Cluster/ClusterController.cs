using System.Reactive.Subjects;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// Drives load agents over NATS as one engine: waits for them, splits the bots into disjoint id
/// ranges, sends every command by request/reply (each acknowledged), and merges the agents'
/// reports into one <see cref="EngineSnapshot"/> per tick, exactly as if all bots were local:
/// counters are sums of the agents' counters, histograms are added, never averaged.
/// </summary>
public sealed partial class ClusterController : ILoadEngine
{
    private readonly ClusterOptions _cluster;
    private readonly ClusterSubjects _subjects;
    private readonly ILogger _logger;
    private readonly NatsConnection _nats;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AgentView> _agents = [];
    private readonly BehaviorSubject<EngineSnapshot> _feed;
    private readonly CancellationTokenSource _disposing = new();
    private readonly EventLog _events;
    private Task _reportLoop = Task.CompletedTask;
    private Task _tickLoop = Task.CompletedTask;
    private List<AgentView> _chosen = [];
    private ClusterRun? _run;
    private EngineSnapshot _latest;
    private bool _disposed;

    private ClusterController(ClusterOptions cluster, BotOptions bots, EngineOptions engine, ILogger logger)
    {
        _cluster = cluster;
        _subjects = new ClusterSubjects(cluster.Cluster);
        BotOptions = bots;
        Options = engine;
        _logger = logger;
        _events = new EventLog(engine.MaxEventsPerTick, logger);
        _nats = new NatsConnection(cluster.Nats.ToOpts($"loadtest-controller {Id}"));
        _assembler = new SnapshotAssembler(engine.Tick);
        _latest = IdleSnapshot();
        _feed = new BehaviorSubject<EngineSnapshot>(_latest);
    }

    /// <summary>This controller's id: agents working for it refuse every other controller's commands.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N")[..12];

    public IObservable<EngineSnapshot> Snapshots => _feed;

    public EngineSnapshot Latest => Volatile.Read(ref _latest);

    public BotOptions BotOptions { get; }

    public EngineOptions Options { get; }

    public Task RunCompletion
    {
        get
        {
            lock (_gate)
                return _run?.Finished.Task ?? Task.CompletedTask;
        }
    }

    /// <summary>Connects to NATS and starts listening for agents.</summary>
    /// <exception cref="NatsException">NATS cannot be reached or refuses the credentials.</exception>
    public static async Task<ClusterController> ConnectAsync(ClusterOptions cluster, BotOptions bots, EngineOptions? engine = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(bots);
        engine ??= EngineOptions.Default;
        var problems = cluster.Validate().Concat(bots.Validate()).Concat(engine.Validate()).ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(cluster));
        var controller = new ClusterController(cluster, bots, engine, logger ?? NullLogger.Instance);
        try
        {
            await controller._nats.ConnectAsync().ConfigureAwait(false);
            var reports = await controller._nats.SubscribeCoreAsync<byte[]>(controller._subjects.Reports).ConfigureAwait(false);
            controller._reportLoop = controller.HearReportsAsync(reports, controller._disposing.Token);
            controller._tickLoop = controller.TickLoopAsync(controller._disposing.Token);
        }
        catch
        {
            await controller.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return controller;
    }

    /// <summary>
    /// Waits until <see cref="ClusterOptions.Agents"/> idle agents have announced themselves and
    /// takes them for this controller's runs.
    /// </summary>
    /// <exception cref="TimeoutException">Too few agents answered in time; the message names who answered and who is busy elsewhere.</exception>
    public async Task<IReadOnlyList<AgentStatus>> WaitForAgentsAsync(CancellationToken cancellationToken = default)
    {
        var started = MonoClock.Now;
        while (true)
        {
            lock (_gate)
            {
                var idle = _agents.Values.Where(a => a.ControllerId.Length == 0 || a.ControllerId == Id).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
                if (idle.Count >= _cluster.Agents)
                {
                    _chosen = idle.Take(_cluster.Agents).ToList();
                    return [.. _chosen.Select(a => a.ToStatus())];
                }
                if (MonoClock.MicrosecondsSince(started) >= _cluster.AgentsTimeout.TotalMicroseconds)
                    throw new TimeoutException(MissingAgents(idle));
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private string MissingAgents(List<AgentView> idle)
    {
        var busy = _agents.Values.Except(idle).ToList();
        var text = $"waited {_cluster.AgentsTimeout.TotalSeconds:0.#} s for {_cluster.Agents} agents in cluster '{_cluster.Cluster}' at {_cluster.Nats.Url}: " +
            (idle.Count == 0 ? "none answered" : $"{idle.Count} answered ({string.Join(", ", idle.Select(a => $"{a.Name} on {a.Host}"))})") +
            $"; {_cluster.Agents - idle.Count} missing";
        if (busy.Count > 0)
            text += $"; busy with another controller: {string.Join(", ", busy.Select(a => a.Name))}";
        return text + ". Start them with: loadtest agent --nats URL --cluster NAME";
    }

    private async Task HearReportsAsync(INatsSub<byte[]> reports, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in reports.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Data is null)
                    continue;
                if (ClusterJson.Decode<AgentReport>(message.Data, out var problem) is { } report)
                    OnReport(report);
                else
                    _logger.LogWarning("agent report ignored: {Problem}", problem);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
        finally
        {
            await reports.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnReport(AgentReport report)
    {
        lock (_gate)
        {
            if (!_agents.TryGetValue(report.AgentId, out var agent))
                _agents[report.AgentId] = agent = new AgentView(report.AgentId);
            if (report.Sequence < agent.Sequence)
                return; // an older report overtaken by a newer one
            agent.Name = Text.TerminalText.Sanitize(report.Name);
            agent.Host = Text.TerminalText.Sanitize(report.Host);
            agent.CpuPercent = report.CpuPercent;
            agent.LastHeard = MonoClock.Now;
            agent.Sequence = report.Sequence;
            agent.ControllerId = report.ControllerId;
            if (_run is not { } run || !run.Agents.Contains(agent) || agent.Lost || agent.Final)
                return;
            if (report.ControllerId != Id || report.RunId != run.RunId)
            {
                // An agent that reports for no run (idle) or another one no longer works for us.
                if (agent.Figures is not null)
                    MarkLost(run, agent, "dropped its work"); // e.g. it lost us for longer than its controller timeout
                return;
            }
            Merge(agent, report);
            if (report.Final)
                agent.Final = true;
            if (run.Stopping)
                TryFinish(run);
        }
    }

    private void Merge(AgentView agent, AgentReport report)
    {
        if (report.Figures is { } figures)
        {
            agent.Figures = figures;
            if (!_pending.TryAddEncoded(figures.Latencies, out var problem))
                _logger.LogWarning("agent {Name}: {Problem}", agent.Name, problem);
        }
        if (report.Bots is { } rows)
        {
            agent.PartialRows.AddRange(rows);
            if (!report.MoreRows)
            {
                agent.Rows = [.. agent.PartialRows];
                agent.PartialRows.Clear();
            }
        }
        foreach (var e in report.Events)
            _events.Add(e.Level, $"[{agent.Name}] {Text.TerminalText.Sanitize(e.Message)}");
    }

    private async Task TickLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                ControllerBeat beat;
                lock (_gate)
                {
                    if (_run is { IsActive: true } run)
                        ControlStep(run);
                    Publish();
                    beat = new ControllerBeat { ControllerId = Id, RunId = _run?.RunId ?? "", ClusterOnline = Latest.States.Online, RowLimit = _cluster.RowLimit };
                }
                try
                {
                    await _nats.PublishAsync(_subjects.Control, ClusterJson.Encode(beat), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (NatsException ex)
                {
                    _logger.LogWarning("controller beat not published: {Message}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>Losses, the duration and the stop deadline, once per tick.</summary>
    private void ControlStep(ClusterRun run)
    {
        var silentLimit = (long)_cluster.LossTimeout.TotalMicroseconds;
        foreach (var agent in run.Working.Where(a => !a.Final).ToList())
        {
            if (MonoClock.MicrosecondsSince(agent.LastHeard) > silentLimit)
                MarkLost(run, agent, $"no report for {_cluster.LossTimeout.TotalSeconds:0.#} s");
        }
        if (!run.Stopping && run.Duration is { } limit && run.Elapsed >= limit)
        {
            _events.Add(EventLevel.Info, $"duration of {limit.TotalSeconds:0.#} s reached: stopping");
            BeginStop(run);
        }
        else if (!run.Stopping && run.Plan is { } plan && Planner.At(plan, run.Elapsed) is { Finished: false } point)
        {
            if (point.StageIndex != run.PlanStage)
            {
                EnterStage(run, point.StageIndex, point.Target);
                _events.Add(EventLevel.Info, $"stage {point.StageIndex + 1}/{plan.Stages.Length}: {plan.Stages[point.StageIndex]}");
            }
            else if (point.Target != run.Target)
            {
                Retarget(run, point.Target);
            }
        }
        if (run.Stopping && MonoClock.MicrosecondsSince(run.StopTicks) > (Options.StopTimeout + _cluster.CommandTimeout + _cluster.LossTimeout).TotalMicroseconds)
        {
            foreach (var agent in run.Working.Where(a => !a.Final).ToList())
                MarkLost(run, agent, "no final report after the stop");
        }
        if (run.Stopping)
            TryFinish(run);
    }

    private void MarkLost(ClusterRun run, AgentView agent, string why)
    {
        if (agent.Lost)
            return;
        agent.Lost = true;
        var bots = agent.Figures?.TotalBots ?? agent.Share;
        _lostBots += bots;
        _events.Add(EventLevel.Error, $"agent {agent.Name} on {agent.Host} lost ({why}): its {bots} bots count as agent_lost");
        if (_cluster.OnAgentLoss == AgentLossPolicy.Abort && !run.Stopping)
        {
            _events.Add(EventLevel.Error, "--on-agent-loss abort: stopping the run");
            BeginStop(run);
        }
        TryFinish(run);
    }

    /// <summary>Ends the run once every agent has sent its final report or is lost; publishes the final snapshot at once.</summary>
    private void TryFinish(ClusterRun run)
    {
        if (!run.IsActive || (!run.Stopping && run.Working.Any()) || run.Working.Any(a => !a.Final))
            return;
        run.FreezeClock();
        run.Ended = true;
        _events.Add(EventLevel.Info, $"run stopped after {run.Elapsed.TotalSeconds:0.0} s");
        Publish();
        run.Finished.TrySetResult();
    }

    /// <summary>Builds and publishes a snapshot under the lock, so the feed never sees two at once.</summary>
    private void Publish()
    {
        lock (_gate)
        {
            var snapshot = BuildSnapshot(_run);
            Volatile.Write(ref _latest, snapshot);
            _feed.OnNext(snapshot);
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
        await StopAsync().WaitAsync(Options.StopTimeout + _cluster.CommandTimeout + _cluster.LossTimeout + TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _commands.Writer.TryComplete();
        await (_commandLoop ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _tickLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _reportLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        lock (_gate)
        {
            Publish();
            _feed.OnCompleted();
        }
        await _nats.DisposeAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }
}
