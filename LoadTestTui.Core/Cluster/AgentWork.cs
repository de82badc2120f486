using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Cluster;

/// <summary>One run an agent carries out for one controller: its engine and what it last heard.</summary>
internal sealed class AgentWork(string controllerId, string runId, WorkOrder order, BotEngine engine)
{
    public string ControllerId { get; } = controllerId;
    public string RunId { get; } = runId;
    public WorkOrder Order { get; } = order;
    public BotEngine Engine { get; } = engine;
    public IDisposable? Subscription { get; set; }

    /// <summary>The plan whose stage behaviours the bots follow (null for a plain run).</summary>
    public LoadPlan? Stages { get; } = order.Stages is { Count: > 0 } stages ? WorkStage.ToPlan(stages) : null;

    /// <summary>When the controller last beat (monotonic ticks).</summary>
    public long LastBeat { get; set; } = MonoClock.Now;

    /// <summary>Rows each report carries, from the controller's beat.</summary>
    public int RowLimit { get; set; }

    /// <summary>The next report carries every row (a snapshot request).</summary>
    public bool AllRowsOnce { get; set; }

    /// <summary>This agent's online bots in its latest report: the controller's cluster count minus these are the others.</summary>
    public int LocalOnline { get; set; }

    public long LastSequence { get; set; }

    public Task? Stopping { get; set; }

    public TimeSpan ControllerTimeout => TimeSpan.FromMilliseconds(Order.ControllerTimeoutMs);
}
