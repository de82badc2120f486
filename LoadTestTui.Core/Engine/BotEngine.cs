using LoadTestTui.Core.Bots;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// Runs the bots and publishes an immutable <see cref="EngineSnapshot"/> every tick through
/// <see cref="Snapshots"/>. A late subscriber gets the latest snapshot first; the feed
/// completes when the engine is disposed. Commands never block on the bots.
/// </summary>
public sealed partial class BotEngine : IAsyncDisposable
{
    public BotEngine(BotOptions bots, EngineOptions? engine = null, ILogger? logger = null, TimeProvider? time = null)
    {
        throw new NotImplementedException();
    }

    public IObservable<EngineSnapshot> Snapshots => throw new NotImplementedException();

    public EngineSnapshot Latest => throw new NotImplementedException();

    public BotOptions BotOptions => throw new NotImplementedException();

    public EngineOptions Options => throw new NotImplementedException();

    /// <summary>Starts a run of <paramref name="count"/> bots at the ramp rate; a duration ends it by itself.</summary>
    public void Start(int count, TimeSpan? duration = null, double? rampPerSecond = null) => throw new NotImplementedException();

    /// <summary>Grows or shrinks the running set: new bots ramp in, surplus bots say goodbye.</summary>
    public void ScaleTo(int count) => throw new NotImplementedException();

    /// <summary>Every online bot sends <paramref name="text"/> now. Returns how many did.</summary>
    public int Broadcast(string text) => throw new NotImplementedException();

    /// <summary>Pauses or resumes the bots' random chat (heartbeats and pings go on).</summary>
    public void SetChatPaused(bool paused) => throw new NotImplementedException();

    /// <summary>Stops the run gracefully: bots say goodbye; stragglers are cut after the stop timeout.</summary>
    public Task StopAsync() => throw new NotImplementedException();

    /// <summary>Completes when the current run has ended (duration reached or stopped).</summary>
    public Task RunCompletion => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
