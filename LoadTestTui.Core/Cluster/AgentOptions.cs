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

    /// <summary>Bot rows per report (about 230 bytes of JSON each): 2,000 stay well under NATS's default 1 MB message limit.</summary>
    public int RowsPerReport { get; init; } = 2000;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>(Nats.Validate());
        if (ClusterSubjects.Validate(Cluster) is { } cluster)
            problems.Add(cluster);
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 64)
            problems.Add("--name must be 1-64 characters.");
        if (RowsPerReport < 1)
            problems.Add("rows per report must be positive.");
        if (PresenceInterval <= TimeSpan.Zero)
            problems.Add("the presence interval must be positive.");
        return problems;
    }
}
