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

    /// <summary>Starts a run that follows <paramref name="plan"/>'s stages (targets and behaviours); the ramp caps how fast bots start.</summary>
    /// <exception cref="ArgumentException">The plan is invalid or asks for more bots than the engine can run.</exception>
    /// <exception cref="InvalidOperationException">A run is already active.</exception>
    void Start(LoadPlan plan, double? rampPerSecond = null);

    void ScaleTo(int count);

    /// <summary>Every later snapshot carries the figures of the trailing <paramref name="span"/> in <see cref="EngineSnapshot.Windows"/>.</summary>
    void TrackWindow(TimeSpan span);

    /// <summary>The current run's figures from run time <paramref name="from"/> until now (a fresh tick is taken first).</summary>
    RunFigures FiguresSince(TimeSpan from);

    /// <summary>Every online bot sends <paramref name="text"/> now; returns how many bots were asked to.</summary>
    int Broadcast(string text);

    void SetChatPaused(bool paused);

    /// <summary>Stops the run gracefully; completes once the final snapshot is published.</summary>
    Task StopAsync();
}
