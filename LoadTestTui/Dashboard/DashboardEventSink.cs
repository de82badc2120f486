using System.Collections.Concurrent;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Dashboard;

/// <summary>
/// A thread-safe inbox of lines for the Log pane. Anyone may <see cref="Post"/> from any
/// thread; the dashboard drains it on the UI thread once per tick. Bounded: when full, the
/// oldest lines are dropped and counted.
/// </summary>
public sealed class DashboardEventSink
{
    private readonly ConcurrentQueue<EngineEvent> _queue = new();
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private long _dropped;

    public DashboardEventSink(TimeProvider? clock = null, int capacity = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _clock = clock ?? TimeProvider.System;
        _capacity = capacity;
    }

    /// <summary>How many lines were dropped because nobody drained them in time.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Post(EventLevel level, string message) => Post(new EngineEvent(_clock.GetUtcNow(), level, message));

    /// <summary>Posts events that already carry their time (the engine's).</summary>
    public void PostAll(IEnumerable<EngineEvent> events)
    {
        foreach (var e in events)
            Post(e);
    }

    public void Post(EngineEvent e)
    {
        _queue.Enqueue(e);
        while (_queue.Count > _capacity && _queue.TryDequeue(out _))
            Interlocked.Increment(ref _dropped);
    }

    public void Info(string message) => Post(EventLevel.Info, message);

    public void Warning(string message) => Post(EventLevel.Warning, message);

    public void Error(string message) => Post(EventLevel.Error, message);

    /// <summary>Hands every waiting line to <paramref name="sink"/>, oldest first.</summary>
    public int Drain(Action<EngineEvent> sink)
    {
        var count = 0;
        while (_queue.TryDequeue(out var item))
        {
            sink(item);
            count++;
        }
        return count;
    }
}
