using System.Collections.Immutable;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Cluster;

/// <summary>The controller's record of one agent. Mutated under the controller's lock.</summary>
internal sealed class AgentView(string id)
{
    public string Id { get; } = id;
    public string Name { get; set; } = "";
    public string Host { get; set; } = "";
    public double CpuPercent { get; set; }
    public long LastHeard { get; set; } = MonoClock.Now;
    public long Sequence { get; set; }

    /// <summary>Who the agent says it works for ("" = idle).</summary>
    public string ControllerId { get; set; } = "";

    // This run's share and what the agent reported of it.
    public int Share { get; set; }
    public int FirstBotId { get; set; }
    public AgentFigures? Figures { get; set; }
    public ImmutableArray<BotRow> Rows { get; set; } = [];

    /// <summary>Rows of a set that arrives in several reports, until its last part.</summary>
    public List<BotRow> PartialRows { get; } = [];
    public bool Final { get; set; }
    public bool Lost { get; set; }

    public void ResetRun(int share, int firstBotId)
    {
        Share = share;
        FirstBotId = firstBotId;
        Figures = null;
        Rows = [];
        PartialRows.Clear();
        Final = false;
        Lost = false;
    }

    public AgentStatus ToStatus() => new(Name, Host, Figures?.TotalBots ?? Share, Lost ? 0 : Figures?.States.Online ?? 0, CpuPercent,
        TimeSpan.FromMicroseconds(MonoClock.MicrosecondsSince(LastHeard)), Lost);
}
