using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// What the CLI and the dashboard drive: bots in this process (<see cref="BotEngine"/>) or
/// bots spread over load agents (<see cref="Cluster.ClusterController"/>). Both publish one
/// <see cref="EngineSnapshot"/> per tick, so everything downstream works unchanged.
/// </summary>
public interface ILoadEngine : IAsyncDisposable
{
    /// <summary>The snapshot feed: a late subscriber gets the latest first; completes on dispose.</summary>
    IObservable<EngineSnapshot> Snapshots { get; }

    /// <summary>The latest snapshot; after a stop or dispose, the final one.</summary>
    EngineSnapshot Latest { get; }

    BotOptions BotOptions { get; }

    EngineOptions Options { get; }

    /// <summary>Completes when the current run has ended and its final snapshot is published.</summary>
    Task RunCompletion { get; }

    /// <summary>A snapshot of this moment, with every bot row: for a user's stats or export.</summary>
    EngineSnapshot SnapshotNow();

    /// <exception cref="InvalidOperationException">A run is already active.</exception>
    void Start(int count, TimeSpan? duration = null, double? rampPerSecond = null);

    void ScaleTo(int count);

    /// <summary>Every online bot sends <paramref name="text"/> now; returns how many bots were asked to.</summary>
    int Broadcast(string text);

    void SetChatPaused(bool paused);

    /// <summary>Stops the run gracefully; completes once the final snapshot is published.</summary>
    Task StopAsync();
}
