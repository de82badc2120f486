using System.Net;

namespace LoadTestTui.Core.Cluster;

/// <summary>How a load agent joins a cluster.</summary>
public sealed record AgentOptions
{
    public required NatsSettings Nats { get; init; }

    public string Cluster { get; init; } = ClusterSubjects.DefaultCluster;

    /// <summary>Shown by the controller (default: host-pid).</summary>
    public string Name { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>The bots' local source address (several agents on one host use 127.0.0.2, .3, ...).</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>How often an idle agent announces itself.</summary>
    public TimeSpan PresenceInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Nats.Validate());
        if (ClusterSubjects.Validate(Cluster) is { } cluster)
            problems.Add(cluster);
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 64)
            problems.Add("--name must be 1-64 characters.");
        if (PresenceInterval <= TimeSpan.Zero)
            problems.Add("the presence interval must be positive.");
        return problems;
    }
}
