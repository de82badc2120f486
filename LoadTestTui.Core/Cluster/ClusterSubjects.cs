using System.Text.RegularExpressions;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// The NATS subjects of one cluster, all under <c>loadtest.&lt;cluster&gt;.</c>, so several
/// clusters share one NATS server without hearing each other.
/// </summary>
public sealed partial record ClusterSubjects(string Cluster)
{
    public const string DefaultCluster = "default";

    /// <summary>Agents publish their reports (idle presence and per-tick figures) here.</summary>
    public string Reports => $"loadtest.{Cluster}.reports";

    /// <summary>The controller publishes its beat (who it is, cluster online, rows wanted) here.</summary>
    public string Control => $"loadtest.{Cluster}.control";

    /// <summary>An agent answers commands (request/reply) on its own subject.</summary>
    public string Commands(string agentId) => $"loadtest.{Cluster}.agent.{agentId}";

    /// <summary>A cluster name is one NATS subject token: letters, digits, '-' and '_'.</summary>
    public static string? Validate(string cluster) =>
        TokenPattern().IsMatch(cluster) ? null : $"--cluster '{cluster}' must be 1-64 letters, digits, '-' or '_'.";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex TokenPattern();
}
