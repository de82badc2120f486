namespace LoadTestTui.Core.Server;

/// <summary>One tick of a <see cref="FlushTicker"/>: a generation number and a task that completes when it ends.</summary>
internal sealed class FlushTick(long generation)
{
    // Asynchronous continuations: ending a tick queues the waiting writers, it does not run them all on the timer's thread.
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _flushes;

    public long Generation { get; } = generation;

    public Task Ended => _ended.Task;

    /// <summary>Writers that sent during this tick: the load the ticker sizes its next period by.</summary>
    public int Flushes => Volatile.Read(ref _flushes);

    /// <summary>Counts one writer's send during this tick; returns the count so far.</summary>
    public int CountFlush() => Interlocked.Increment(ref _flushes);

    public static FlushTick Over(long generation)
    {
        var tick = new FlushTick(generation);
        tick.End();
        return tick;
    }

    public void End() => _ended.TrySetResult();
}
