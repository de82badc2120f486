using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace LoadTestTui.Core.Cluster;

public sealed partial class LoadAgent
{
    /// <summary>Commands are served one at a time, in the order they arrive.</summary>
    private async Task ServeCommandsAsync(INatsSub<byte[]> commands, CancellationToken cancellationToken)
    {
        await foreach (var message in commands.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var ack = message.Data is null ? Refuse("empty command")
                : ClusterJson.Decode<AgentCommand>(message.Data, out var problem) is { } command ? await ExecuteAsync(command).ConfigureAwait(false)
                : Refuse(problem!);
            if (!ack.Ok)
                _logger.LogWarning("command refused: {Error}", ack.Error);
            try
            {
                await message.ReplyAsync(ClusterJson.Encode(ack), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NatsException ex)
            {
                _logger.LogWarning("acknowledgement not sent: {Message}", ex.Message);
            }
        }
    }

    private async Task<CommandAck> ExecuteAsync(AgentCommand command)
    {
        var work = CurrentWork();
        if (command.Kind == CommandKind.Start)
            return work is null ? Start(command) : Owns(work, command) ? Ok() : Refuse($"busy with controller {work.ControllerId}");
        if (work is null || !Owns(work, command))
            return Refuse(work is null ? "no run" : $"busy with controller {work.ControllerId}");
        switch (command.Kind)
        {
            case CommandKind.Scale:
                work.Engine.ScaleTo(Math.Max(0, command.Count));
                return Ok();
            case CommandKind.Broadcast when !string.IsNullOrWhiteSpace(command.Text):
                return Ok(work.Engine.Broadcast(command.Text));
            case CommandKind.Pause:
                work.Engine.SetChatPaused(command.Paused);
                return Ok();
            case CommandKind.Stage when work.Stages is { } stages && command.Stage >= 0 && command.Stage < stages.Stages.Length:
                work.Engine.FollowStages(stages, command.Stage);
                work.Engine.ScaleTo(Math.Max(0, command.Count));
                return Ok();
            case CommandKind.Snapshot:
                work.AllRowsOnce = true;
                work.Engine.SnapshotNow();
                return Ok(work.LastSequence);
            case CommandKind.Stop:
                _ = StopWorkAsync(work, "stopped by the controller");
                await Task.Yield();
                return Ok();
            default:
                return Refuse($"bad {command.Kind} command");
        }
    }

    private static bool Owns(AgentWork work, AgentCommand command) => work.ControllerId == command.ControllerId && work.RunId == command.RunId;

    private CommandAck Start(AgentCommand command)
    {
        if (command.Work is not { } order || string.IsNullOrEmpty(command.ControllerId) || string.IsNullOrEmpty(command.RunId))
            return Refuse("start without a work order");
        var bots = order.ToBotOptions(_options.LocalAddress);
        var engineOptions = order.ToEngineOptions();
        var problems = bots.Validate().Concat(engineOptions.Validate()).ToList();
        if (order.ControllerTimeoutMs <= 0 || order.IdBlock < 1 || order.Count < 0 || order.Count > order.IdBlock)
            problems.Add("bad id range, count or controller timeout");
        if (order.Stages?.Any(s => !s.IsValid) == true)
            problems.Add("bad plan stages");
        if (problems.Count > 0)
            return Refuse(string.Join(" ", problems));
        var engine = new BotEngine(bots, engineOptions, _logger);
        var work = new AgentWork(command.ControllerId, command.RunId, order, engine);
        lock (_gate)
            _work = work;
        work.Subscription = engine.Snapshots.Subscribe(s =>
        {
            if (s.RunId == work.RunId)
                OnSnapshot(work, s);
        });
        engine.Start(order.Count, null, order.RampPerSecond, command.RunId, work.Stages);
        _logger.LogInformation("run {RunId} for controller {Controller}: {Count} bots from id {First}", command.RunId, command.ControllerId, order.Count, order.FirstBotId);
        return Ok();
    }

    /// <summary>Stops the work's bots (goodbyes), publishes the final report, and becomes idle again. Idempotent.</summary>
    private Task StopWorkAsync(AgentWork work, string reason)
    {
        lock (_gate)
            return work.Stopping ??= Task.Run(StopAsync);

        async Task StopAsync()
        {
            _logger.LogInformation("stopping run {RunId}: {Reason}", work.RunId, reason);
            await work.Engine.StopAsync().ConfigureAwait(false);
            work.Subscription?.Dispose();
            await work.Engine.DisposeAsync().ConfigureAwait(false);
            // One final report, after the engine's very last snapshot: every counter settled, every row.
            var final = work.Engine.Latest;
            EnqueueWork(work, final, final.Bots, final: true);
            lock (_gate)
            {
                if (_work == work)
                    _work = null;
            }
        }
    }

    private CommandAck Ok(long value = 0) => new() { AgentId = Id, Ok = true, Value = value };

    private CommandAck Refuse(string error) => new() { AgentId = Id, Ok = false, Error = error };
}
