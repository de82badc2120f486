using System.Threading.Channels;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace LoadTestTui.Core.Cluster;

public sealed partial class ClusterController
{
    // Commands go out one at a time, in order (a scale never overtakes the start before it);
    // callers return at once, and a missing acknowledgement becomes an event.
    private readonly Channel<Func<Task>> _commands = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _commandLoop;

    /// <summary>Starts a run of <paramref name="count"/> bots split over the agents taken by <see cref="WaitForAgentsAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">A run is already active, or no agents were taken.</exception>
    public void Start(int count, TimeSpan? duration = null, double? rampPerSecond = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        StartRun(count, duration is { } d && d > TimeSpan.Zero ? d : null, rampPerSecond, null);
    }

    /// <summary>
    /// Starts a run that follows <paramref name="plan"/>: this controller follows the plan's targets on its tick and
    /// scales the agents; each stage change goes to every agent as a command (its share and the stage's behaviour).
    /// </summary>
    /// <exception cref="ArgumentException">The plan is invalid.</exception>
    /// <exception cref="InvalidOperationException">A run is already active, no agents were taken, or the plan needs more bots than they hold.</exception>
    public void Start(LoadPlan plan, double? rampPerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Validate() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(plan));
        StartRun(Planner.At(plan, TimeSpan.Zero).Target, plan.Total, rampPerSecond, plan);
    }

    private void StartRun(int count, TimeSpan? duration, double? rampPerSecond, LoadPlan? plan)
    {
        if (rampPerSecond is <= 0)
            throw new ArgumentOutOfRangeException(nameof(rampPerSecond), "the ramp must be positive bots per second");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_run is { IsActive: true })
                throw new InvalidOperationException("a run is already active: stop it first, or scale it");
            if (_chosen.Count == 0)
                throw new InvalidOperationException("no agents: wait for them first");
            var idBlock = Math.Min(100_000, BotDirectory.Capacity / _chosen.Count);
            if (Math.Max(count, plan?.PeakTarget ?? 0) > idBlock * _chosen.Count)
                throw new InvalidOperationException($"at most {idBlock * _chosen.Count} bots over {_chosen.Count} agents");
            var ramp = rampPerSecond ?? Options.RampPerSecond;
            var run = new ClusterRun(ChatTag.NewRunId(), count, duration, ramp, [.. _chosen], idBlock, plan);
            for (var i = 0; i < run.Agents.Count; i++)
                run.Agents[i].ResetRun(0, (i * idBlock) + 1);
            run.Split(count);
            ResetFigures();
            _run = run;
            _events.Add(EventLevel.Info, plan is null
                ? $"run started: {count} bots on {run.Agents.Count} agents at {ramp:0.#}/s" + (run.Duration is { } limit ? $" for {limit.TotalSeconds:0.#} s" : "")
                : $"run started: plan of {plan.Stages.Length} stages over {DurationText.Format(plan.Total)}, peak {plan.PeakTarget} bots on {run.Agents.Count} agents, ramp cap {ramp:0.#}/s");
            var order = WorkOrder.From(BotOptions, Options) with
            {
                IdBlock = idBlock,
                ClusterBotIds = idBlock * run.Agents.Count,
                RampPerSecond = ramp / run.Agents.Count,
                // The window and the reconnect pace protect the one server, so the cluster shares them like the ramp.
                HandshakeWindowMax = Math.Max(HandshakeWindow.MinimumSize, Options.HandshakeWindowMax / run.Agents.Count),
                ReconnectsPerSecond = Options.ReconnectsPerSecond / run.Agents.Count,
                ControllerTimeoutMs = _cluster.ControllerTimeout.TotalMilliseconds,
                Stages = plan is null ? null : [.. plan.Stages.Select(WorkStage.From)],
            };
            Enqueue(() => SendAllAsync(run, a => Command(run, CommandKind.Start) with { Work = order with { FirstBotId = a.FirstBotId, Count = a.Share } }));
        }
    }

    public void ScaleTo(int count)
    {
        lock (_gate)
        {
            if (_run is not { IsActive: true, Stopping: false } run)
                return;
            Retarget(run, count);
            _logger.LogInformation("scaled to {Count} bots", run.Target);
        }
    }

    /// <summary>Splits a new target over the working agents and queues one scale command (a queued one takes the newest shares).</summary>
    private void Retarget(ClusterRun run, int count)
    {
        run.Target = Math.Clamp(count, 0, run.IdBlock * run.Working.Count());
        run.Split(run.Target);
        if (run.ScaleQueued)
            return;
        run.ScaleQueued = true;
        Enqueue(() => SendAllAsync(run, a =>
        {
            run.ScaleQueued = false;
            return Command(run, CommandKind.Scale) with { Count = a.Share };
        }));
    }

    /// <summary>A plan's new stage: every agent gets its share and re-anchors its bots' stage behaviour, acknowledged like a scale.</summary>
    private void EnterStage(ClusterRun run, int stage, int target)
    {
        run.PlanStage = stage;
        run.Target = Math.Clamp(target, 0, run.IdBlock * run.Working.Count());
        run.Split(run.Target);
        Enqueue(() => SendAllAsync(run, a => Command(run, CommandKind.Stage) with { Stage = stage, Count = a.Share }));
    }

    /// <summary>Asks every agent's online bots to send <paramref name="text"/>; returns the bots online at the last tick (the acknowledgements follow).</summary>
    public int Broadcast(string text)
    {
        _ = BroadcastAsync(text);
        return Latest.States.Online;
    }

    /// <summary>Like <see cref="Broadcast"/>, but completes with how many bots the agents say sent it.</summary>
    public Task<int> BroadcastAsync(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_run is not { IsActive: true } run)
                return Task.FromResult(0);
            Enqueue(async () =>
            {
                var acks = await SendAllAsync(run, _ => Command(run, CommandKind.Broadcast) with { Text = text }).ConfigureAwait(false);
                var sent = (int)acks.Sum(a => a.Value);
                _logger.LogInformation("broadcast sent by {Sent} bots: {Text}", sent, Text.TerminalText.Sanitize(text));
                done.TrySetResult(sent);
            });
        }
        return done.Task;
    }

    public void SetChatPaused(bool paused)
    {
        lock (_gate)
        {
            if (_run is not { IsActive: true } run || run.ChatPaused == paused)
                return;
            run.ChatPaused = paused;
            _logger.LogInformation(paused ? "chat paused" : "chat resumed");
            Enqueue(() => SendAllAsync(run, _ => Command(run, CommandKind.Pause) with { Paused = paused }));
        }
    }

    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_run is not { } run)
                return Task.CompletedTask;
            BeginStop(run);
            return run.Finished.Task;
        }
    }

    /// <summary>Asks every agent for a report with all its rows, waits for them (bounded), and publishes the merged snapshot.</summary>
    public EngineSnapshot SnapshotNow() => SnapshotNowAsync().GetAwaiter().GetResult();

    public async Task<EngineSnapshot> SnapshotNowAsync()
    {
        ClusterRun? run;
        lock (_gate)
            run = _run;
        if (run is { IsActive: true })
        {
            var requested = new TaskCompletionSource<IReadOnlyList<CommandAck>>(TaskCreationOptions.RunContinuationsAsynchronously);
            Enqueue(async () => requested.TrySetResult(await SendAllAsync(run, _ => Command(run, CommandKind.Snapshot)).ConfigureAwait(false)));
            await ((Task)requested.Task).WaitAsync(_cluster.CommandTimeout * 2).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (requested.Task.IsCompletedSuccessfully)
                await WaitForReportsAsync(requested.Task.Result).ConfigureAwait(false);
        }
        lock (_gate)
        {
            if (!_disposed)
                Publish();
            return Latest;
        }
    }

    /// <summary>Waits (bounded) until each acknowledging agent's report of that moment has arrived.</summary>
    private async Task WaitForReportsAsync(IReadOnlyList<CommandAck> acks)
    {
        var started = MonoClock.Now;
        while (MonoClock.MicrosecondsSince(started) < _cluster.CommandTimeout.TotalMicroseconds)
        {
            lock (_gate)
            {
                if (acks.All(a => !_agents.TryGetValue(a.AgentId, out var agent) || agent.Sequence >= a.Value || agent.Lost))
                    return;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private void BeginStop(ClusterRun run)
    {
        if (run.Stopping || !run.IsActive)
            return;
        run.StopTicks = MonoClock.Now;
        _events.Add(EventLevel.Info, $"stopping {run.Working.Sum(a => a.Share)} bots on {run.Working.Count()} agents");
        Enqueue(() => SendAllAsync(run, _ => Command(run, CommandKind.Stop)));
        TryFinish(run);
    }

    private AgentCommand Command(ClusterRun run, CommandKind kind) => new() { ControllerId = Id, RunId = run.RunId, Kind = kind };

    private void Enqueue(Func<Task> command)
    {
        _commandLoop ??= Task.Run(ServeCommandsAsync);
        _commands.Writer.TryWrite(command);
    }

    private async Task ServeCommandsAsync()
    {
        await foreach (var command in _commands.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await command().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or ObjectDisposedException)
            {
                _logger.LogWarning("cluster command failed: {Message}", ex.Message);
            }
        }
    }

    /// <summary>Sends one command to each agent still working, concurrently; returns the acknowledgements that came back positive.</summary>
    private async Task<IReadOnlyList<CommandAck>> SendAllAsync(ClusterRun run, Func<AgentView, AgentCommand> make)
    {
        List<(AgentView Agent, AgentCommand Command)> targets;
        lock (_gate)
            targets = [.. run.Working.Select(a => (a, make(a)))];
        var replies = await Task.WhenAll(targets.Select(t => RequestAsync(t.Agent, t.Command))).ConfigureAwait(false);
        var acks = new List<CommandAck>();
        lock (_gate)
        {
            foreach (var ((agent, command), (ack, error)) in targets.Zip(replies))
            {
                if (ack is { Ok: true })
                {
                    acks.Add(ack);
                    continue;
                }
                _events.Add(EventLevel.Error, $"agent {agent.Name}: {command.Kind} not acknowledged: {error}");
                if (command.Kind == CommandKind.Start)
                    MarkLost(run, agent, "refused the start");
            }
        }
        return acks;
    }

    private async Task<(CommandAck? Ack, string? Error)> RequestAsync(AgentView agent, AgentCommand command)
    {
        try
        {
            var reply = await _nats.RequestAsync<byte[], byte[]>(_subjects.Commands(agent.Id), ClusterJson.Encode(command),
                replyOpts: new NatsSubOpts { Timeout = _cluster.CommandTimeout }).ConfigureAwait(false);
            if (reply.Data is null)
                return (null, "empty reply");
            var ack = ClusterJson.Decode<CommandAck>(reply.Data, out var problem);
            return (ack, ack is null ? problem : ack.Error);
        }
        catch (NatsNoRespondersException)
        {
            return (null, "no agent listening");
        }
        catch (NatsNoReplyException)
        {
            return (null, $"no reply within {_cluster.CommandTimeout.TotalSeconds:0.#} s");
        }
    }
}
