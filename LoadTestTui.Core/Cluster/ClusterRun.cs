using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Cluster;

/// <summary>One run of a cluster, on the controller. Mutated under the controller's lock.</summary>
internal sealed class ClusterRun(string runId, int target, TimeSpan? duration, double rampPerSecond, IReadOnlyList<AgentView> agents, int idBlock, LoadPlan? plan = null)
{
    private readonly long _startTicks = MonoClock.Now;
    private long _endTicks;

    public string RunId { get; } = runId;
    public int Target { get; set; } = target;
    public TimeSpan? Duration { get; } = duration;
    public double RampPerSecond { get; } = rampPerSecond;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.Now;
    public IReadOnlyList<AgentView> Agents { get; } = agents;
    public int IdBlock { get; } = idBlock;
    public bool ChatPaused { get; set; }

    /// <summary>The load plan the run follows (null for a plain run), and the stage last sent to the agents.</summary>
    public LoadPlan? Plan { get; } = plan;
    public int PlanStage { get; set; } = -1;

    /// <summary>A scale command is queued and not yet sent: a newer target rides on it (it reads the shares when it goes).</summary>
    public bool ScaleQueued { get; set; }

    /// <summary>When stopping began (0: running); agents not final by the deadline are counted lost.</summary>
    public long StopTicks { get; set; }

    public bool Stopping => StopTicks != 0;

    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the run ends, before its final snapshot is published (Finished completes after).</summary>
    public bool Ended { get; set; }

    public bool IsActive => !Ended;

    public IEnumerable<AgentView> Working => Agents.Where(a => !a.Lost);

    public TimeSpan Elapsed
    {
        get
        {
            var end = _endTicks;
            return TimeSpan.FromMicroseconds(MonoClock.ToMicroseconds((end == 0 ? MonoClock.Now : end) - _startTicks));
        }
    }

    public void FreezeClock() => _endTicks = MonoClock.Now;

    /// <summary>Splits <paramref name="count"/> bots over the agents still working, as evenly as possible.</summary>
    public void Split(int count)
    {
        var working = Working.ToList();
        for (var i = 0; i < working.Count; i++)
            working[i].Share = Math.Min(IdBlock, (count / working.Count) + (i < count % working.Count ? 1 : 0));
    }
}
