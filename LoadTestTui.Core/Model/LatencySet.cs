using System.Collections.Immutable;
using HdrHistogram;

namespace LoadTestTui.Core.Model;

/// <summary>
/// Latency histograms by kind (microseconds, <see cref="LatencyHistogram"/>'s shape): a tick's
/// interval, a run's cumulative values, one timeline second, what an agent has not reported yet.
/// Sets add up exactly (never percentiles), which is what windows, agents and comparisons need.
/// Mutable; used by one thread at a time (the engine's tick, under its lock).
/// </summary>
public sealed class LatencySet
{
    private readonly List<(LatencyKind Kind, LongHistogram Histogram)> _histograms = [];

    /// <summary>A set holding an empty histogram of each built-in kind (so every snapshot lists them).</summary>
    public static LatencySet WithBuiltIns()
    {
        var set = new LatencySet();
        foreach (var kind in LatencyKind.BuiltIn)
            set.For(kind);
        return set;
    }

    /// <summary>The histogram of <paramref name="kind"/>, added empty when the set has none yet.</summary>
    public HistogramBase For(LatencyKind kind)
    {
        foreach (var (k, h) in _histograms)
        {
            if (k.Equals(kind))
                return h;
        }
        var added = LatencyHistogram.New();
        _histograms.Add((kind, added));
        return added;
    }

    public IEnumerable<LatencyKind> Kinds => _histograms.Select(h => h.Kind);

    /// <summary>Values of every kind, all kinds together.</summary>
    public long TotalCount => _histograms.Sum(h => h.Histogram.TotalCount);

    public void Add(LatencySet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (kind, histogram) in other._histograms)
        {
            if (histogram.TotalCount > 0)
                For(kind).Add(histogram);
        }
    }

    public void Reset()
    {
        foreach (var (_, histogram) in _histograms)
            histogram.Reset();
    }

    public LatencyFigures Summaries() =>
        LatencyFigures.Of(_histograms.Select(h => new KeyValuePair<LatencyKind, LatencySummary>(h.Kind, LatencyHistogram.Summarize(h.Histogram))));

    /// <summary>Each kind that holds values, in HdrHistogram's compressed encoding (what an agent ships).</summary>
    public ImmutableSortedDictionary<string, byte[]> Encode() =>
        _histograms.Where(h => h.Histogram.TotalCount > 0)
            .ToImmutableSortedDictionary(h => h.Kind.Name, h => HistogramCodec.EncodeBytes(h.Histogram)!, StringComparer.Ordinal);

    /// <summary>Adds what <see cref="Encode"/> made; false (with the reasons) for any kind whose bytes do not decode, the others are added.</summary>
    public bool TryAddEncoded(IReadOnlyDictionary<string, byte[]>? encoded, out string? problem)
    {
        problem = null;
        if (encoded is null)
            return true;
        var problems = new List<string>();
        foreach (var (name, bytes) in encoded)
        {
            if (string.IsNullOrWhiteSpace(name) || bytes is null)
                continue;
            if (HistogramCodec.TryDecodeBytes(bytes, out var why) is { } decoded)
                For(LatencyKind.Named(name)).Add(decoded);
            else
                problems.Add($"{name}: {why}");
        }
        problem = problems.Count == 0 ? null : string.Join("; ", problems);
        return problem is null;
    }
}
