namespace LoadTestTui.Core.Cluster;

public enum AgentLossPolicy
{
    /// <summary>Count the lost agent's bots as <c>agent_lost</c> and go on with the others.</summary>
    Continue,

    /// <summary>Stop the whole run.</summary>
    Abort,
}

/// <summary>How a controller drives its agents.</summary>
public sealed record ClusterOptions
{
    public required NatsSettings Nats { get; init; }

    public string Cluster { get; init; } = ClusterSubjects.DefaultCluster;

    /// <summary>How many agents the run needs.</summary>
    public int Agents { get; init; } = 1;

    /// <summary>How long to wait for them.</summary>
    public TimeSpan AgentsTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public AgentLossPolicy OnAgentLoss { get; init; } = AgentLossPolicy.Continue;

    /// <summary>An agent silent this long is lost. Generous: an agent whose cores are saturated by its bots reports late.</summary>
    public TimeSpan LossTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Agents stop their bots when the controller is silent this long.</summary>
    public TimeSpan ControllerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a command waits for an agent's acknowledgement.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Per-bot rows each agent adds to every report (the dashboard's table); 0 = only at snapshots and at the end.</summary>
    public int RowLimit { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Nats.Validate());
        if (ClusterSubjects.Validate(Cluster) is { } cluster)
            problems.Add(cluster);
        if (Agents is < 1 or > 1000)
            problems.Add($"--agents must be 1-1000 (got {Agents}).");
        if (AgentsTimeout <= TimeSpan.Zero)
            problems.Add("--agents-timeout must be positive seconds.");
        if (LossTimeout <= TimeSpan.Zero || ControllerTimeout <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero)
            problems.Add("cluster timeouts must be positive.");
        if (RowLimit < 0)
            problems.Add("the row limit must not be negative.");
        return problems;
    }
}
