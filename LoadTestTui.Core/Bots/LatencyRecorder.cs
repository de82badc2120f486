using HdrHistogram;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// One latency distribution of a run, in microseconds, as the bots record it. Bots record into a
/// histogram of their own thread (a slot per recording thread), so recording never contends with
/// another thread and never touches a shared cache line; once per tick <see cref="MoveTo"/> swaps
/// each slot's histogram for its spare and adds what was recorded to the tick's interval.
/// </summary>
internal sealed class LatencyRecorder(LatencyKind kind) : IDisposable
{
    private readonly ThreadLocal<Slot> _slots = new(() => new Slot(), trackAllValues: true);

    public LatencyKind Kind { get; } = kind;

    /// <summary>Records one value; callable from any thread, allocation-free after a thread's first value.</summary>
    public void Record(long microseconds) => _slots.Value!.Record(Math.Clamp(microseconds, LatencyHistogram.Lowest, LatencyHistogram.Highest));

    /// <summary>Adds the values recorded since the last call to <paramref name="interval"/>'s histogram of this kind. Called by one thread only (the tick).</summary>
    public void MoveTo(LatencySet interval)
    {
        var target = interval.For(Kind);
        foreach (var slot in _slots.Values)
            slot.MoveTo(target);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// One thread's histogram and its spare. The lock is taken by that thread for each value and
    /// by the roll only to swap the two, never while merging, so a recording thread (often a
    /// socket's epoll thread) never waits longer than a swap.
    /// </summary>
    private sealed class Slot
    {
        private readonly Lock _gate = new();
        private IntHistogram _active = New();
        private IntHistogram _spare = New();

        public void Record(long value)
        {
            lock (_gate)
                _active.RecordValue(value);
        }

        /// <summary>Adds what was recorded since the last call to <paramref name="target"/>; called by the rolling thread.</summary>
        public void MoveTo(HistogramBase target)
        {
            IntHistogram recorded;
            lock (_gate)
            {
                if (_active.TotalCount == 0)
                    return;
                recorded = _active;
                _active = _spare;
            }
            target.Add(recorded);
            recorded.Reset();
            _spare = recorded; // only the rolling thread reads or writes the spare
        }

        // Int counts: a slot holds one tick of one thread's values, far below 2^31 per bucket.
        private static IntHistogram New() => new(LatencyHistogram.Lowest, LatencyHistogram.Highest, LatencyHistogram.Digits);
    }
}
