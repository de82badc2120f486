using System.Collections.Immutable;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Cluster;

public sealed partial class ClusterController
{
    private readonly SnapshotAssembler _assembler;
    private readonly LatencySet _pending = LatencySet.WithBuiltIns();
    private int _lostBots;

    private void ResetFigures()
    {
        _assembler.Reset(MonoClock.Now);
        _pending.Reset();
        _lostBots = 0;
    }

    private EngineSnapshot IdleSnapshot() => new()
    {
        Timestamp = DateTimeOffset.Now,
        Elapsed = TimeSpan.Zero,
        State = RunState.Idle,
        Errors = ErrorKinds.All.ToImmutableDictionary(k => k, _ => 0L),
        Agents = [.. _agents.Values.Select(a => a.ToStatus())],
    };

    /// <summary>
    /// The agents' latest counters summed, and the latency values received since the last tick:
    /// the same snapshot a single engine would build from the same bots. A lost agent keeps what it
    /// did; its bots count as failed with the <c>agent_lost</c> error.
    /// </summary>
    private EngineSnapshot BuildSnapshot(ClusterRun? run)
    {
        if (run is null)
            return IdleSnapshot();
        var live = run.Agents.Where(a => !a.Lost && a.Figures is not null).Select(a => a.Figures!).ToList();
        var counters = RunCounters.Sum(run.Agents.Select(a => a.Figures?.Counters).OfType<RunCounters>());
        // What is under way on a lost agent is gone; what it did stays.
        var lost = RunCounters.Sum(run.Agents.Where(a => a.Lost).Select(a => a.Figures?.Counters).OfType<RunCounters>());
        var states = counters.States - lost.States;
        counters = counters with
        {
            States = states with { Failed = states.Failed + _lostBots },
            HandshakesInFlight = counters.HandshakesInFlight - lost.HandshakesInFlight,
            HandshakeWindow = counters.HandshakeWindow - lost.HandshakeWindow,
            Errors = counters.Errors + _lostBots,
            ErrorsByKind = counters.ErrorsByKind.SetItem((int)ErrorKind.AgentLost, counters.ErrorsOf(ErrorKind.AgentLost) + _lostBots),
        };

        var state = !run.IsActive ? RunState.Stopped : run.Stopping ? RunState.Stopping
            : run.Working.Any(a => a.Figures is null || a.Figures.State == RunState.Ramping) ? RunState.Ramping : RunState.Running;
        var snapshot = _assembler.Next(MonoClock.Now, counters, _pending, new RunMeta
        {
            Elapsed = run.Elapsed,
            StartedAt = run.StartedAt,
            State = state,
            RunId = run.RunId,
            ChatPaused = run.ChatPaused,
            Target = run.Target,
            Duration = run.Duration,
            RampPerSecond = run.RampPerSecond,
            RampLimit = live.Select(x => x.RampLimit).FirstOrDefault(l => l.Length > 0) ?? "",
            Plan = run.Plan,
            Events = _events.Drain(),
            Bots = [.. run.Agents.SelectMany(a => a.Rows).OrderBy(r => r.Id)],
            Agents = [.. run.Agents.Select(a => a.ToStatus())],
            Counting = run.IsActive && !run.Stopping,
        });
        _pending.Reset();
        return snapshot;
    }

    public void TrackWindow(TimeSpan span)
    {
        lock (_gate)
            _assembler.Track(span);
    }

    public RunFigures FiguresSince(TimeSpan from)
    {
        lock (_gate)
        {
            if (!_disposed)
                Publish();
            return _assembler.Since(from);
        }
    }
}
