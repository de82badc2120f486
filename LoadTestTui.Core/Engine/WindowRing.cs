using System.Collections.Immutable;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// The last <see cref="Capacity"/> ticks of a run: each tick's interval histograms and the
/// run's counters as of that tick. A window's figures merge exactly the histograms of the
/// ticks inside it and subtract the counters at its start from those at its end, so a
/// threshold "over 30 s" and a capacity step see that window's samples and nothing else.
/// A window asked for on every tick (<see cref="Rolling"/>) is kept up to date instead: the new
/// tick's buckets are added and those of the ticks that left it taken away, so it costs two
/// ticks' worth of buckets a tick however long it is (merging a 5-minute fan-out window anew
/// took 63 ms a tick at 300,000 deliveries a second). Written and read by the engine under its lock.
/// </summary>
internal sealed class WindowRing(int capacity)
{
    private readonly Sample[] _samples = new Sample[capacity];
    private long _added; // sample number n (from 1) sits at (n - 1) % capacity while it is kept

    public int Capacity => _samples.Length;

    /// <summary>The mean of <paramref name="ticks"/> ratios summed in <see cref="RatioScale"/> units; null for no ticks.</summary>
    public static double? MeanRatio(long sum, long ticks) => ticks > 0 ? (double)sum / ticks / RatioScale : null;

    /// <summary>Online ratios are summed in billionths so a window's difference of sums is exact: a run wholly online reads 1, not 1.0000000000000002.</summary>
    public const long RatioScale = 1_000_000_000;

    /// <summary>The run's counters as of one tick (cumulative since the run started), with the online ratio's running sum.</summary>
    internal sealed record Totals(RunCounters Counters, long OnlineRatioSum, long OnlineRatioTicks, int Online, int Target)
    {
        public static Totals Zero { get; } = new(RunCounters.Zero, 0, 0, 0, 0);
    }

    /// <summary>One tick: its interval histograms by kind, and the totals as of its end.</summary>
    internal sealed record Sample(TimeSpan Elapsed, ImmutableArray<(LatencyKind Kind, HistogramSlice Slice)> Latencies, Totals Totals);

    /// <summary>A trailing window's running sums: the ticks after <see cref="Baseline"/> up to <see cref="Last"/> (sample numbers; 0 is the run's start).</summary>
    internal sealed class Rolling
    {
        internal readonly LatencySet Sums = LatencySet.WithBuiltIns();
        internal long Baseline = -1; // not started
        internal long Last;

        /// <summary>For a new run: the next use sums the window anew.</summary>
        internal void Restart() => (Baseline, Last) = (-1, 0);
    }

    private long OldestKept => Math.Max(1, _added - _samples.Length + 1);

    public void Add(Sample sample)
    {
        _samples[_added % _samples.Length] = sample;
        _added++;
    }

    /// <summary>
    /// Figures of the ticks after <paramref name="from"/> (run time). A window older than the
    /// ring starts at the oldest tick kept.
    /// </summary>
    public RunFigures Since(TimeSpan from)
    {
        var baseline = BaselineFor(from);
        if (baseline >= _added)
            return RunFigures.Empty;
        var sums = LatencySet.WithBuiltIns();
        for (var n = baseline + 1; n <= _added; n++)
            Apply(At(n), sums, +1);
        return Figures(baseline, sums);
    }

    /// <summary>The same figures as <see cref="Since"/>, from <paramref name="window"/>'s running sums brought up to date.</summary>
    public RunFigures Since(TimeSpan from, Rolling window)
    {
        var target = BaselineFor(from, window.Baseline);
        var dropUntil = Math.Min(target, window.Last);
        if (window.Baseline < 0 || target < window.Baseline || (window.Baseline < dropUntil && window.Baseline + 1 < OldestKept))
        {
            // Not started, or the ticks to take away are no longer kept: sum the window anew.
            window.Sums.Reset();
            (window.Baseline, window.Last) = (target, target);
        }
        for (var n = window.Baseline + 1; n <= dropUntil; n++)
            Apply(At(n), window.Sums, -1);
        for (var n = Math.Max(window.Last, target) + 1; n <= _added; n++)
            Apply(At(n), window.Sums, +1);
        (window.Baseline, window.Last) = (target, _added);
        return target >= _added ? RunFigures.Empty : Figures(target, window.Sums);
    }

    private Sample At(long number) => _samples[(number - 1) % _samples.Length];

    /// <summary>
    /// The sample a window from <paramref name="from"/> starts after: the last kept tick at or before
    /// it; before the first tick, the run's start (0) while nothing was overwritten, else the oldest
    /// tick kept. Starting the scan at <paramref name="after"/> (a baseline known to qualify) keeps it short.
    /// </summary>
    private long BaselineFor(TimeSpan from, long after = -1)
    {
        var oldest = OldestKept;
        var baseline = after >= oldest ? after : _added > _samples.Length ? oldest : 0;
        for (var n = Math.Max(baseline + 1, oldest); n <= _added && At(n).Elapsed <= from; n++)
            baseline = n;
        return baseline;
    }

    private static void Apply(Sample sample, LatencySet sums, int sign)
    {
        foreach (var (kind, slice) in sample.Latencies)
            slice.AddTo(sums.For(kind), sign);
    }

    private RunFigures Figures(long baseline, LatencySet sums)
    {
        var first = baseline == 0 ? null : At(baseline);
        var last = At(_added);
        var (a, b) = (first?.Totals ?? Totals.Zero, last.Totals);
        return new RunFigures
        {
            Span = last.Elapsed - (first?.Elapsed ?? TimeSpan.Zero),
            Latency = sums.Summaries(),
            Counters = b.Counters - a.Counters,
            OnlineRatio = MeanRatio(b.OnlineRatioSum - a.OnlineRatioSum, b.OnlineRatioTicks - a.OnlineRatioTicks),
            Online = b.Online,
            Target = b.Target,
        };
    }
}
