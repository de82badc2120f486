namespace LoadTestTui.Core.Cluster;

/// <summary>
/// The controller's heartbeat, published every tick on <see cref="ClusterSubjects.Control"/>:
/// agents serving it stay alive while it beats and stop their bots when it falls silent.
/// </summary>
public sealed record ControllerBeat : IClusterMessage
{
    public static int CurrentVersion => 1;

    public int Version { get; init; } = CurrentVersion;

    public required string ControllerId { get; init; }

    public string RunId { get; init; } = "";

    /// <summary>Bots online over the whole cluster at the controller's last tick (for expected delivery counts).</summary>
    public int ClusterOnline { get; init; }

    /// <summary>Per-bot rows each agent adds to its reports (the dashboard's table); 0 = none.</summary>
    public int RowLimit { get; init; }
}
