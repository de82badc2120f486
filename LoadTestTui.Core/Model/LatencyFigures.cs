using System.Collections;
using System.Collections.Immutable;

namespace LoadTestTui.Core.Model;

/// <summary>
/// The summaries of a run's latencies, by kind, immutable: what a snapshot, a window and a
/// timeline second carry. A kind that recorded nothing reads as <see cref="LatencySummary.Empty"/>.
/// </summary>
public sealed class LatencyFigures : IEnumerable<KeyValuePair<LatencyKind, LatencySummary>>, IEquatable<LatencyFigures>
{
    public static LatencyFigures Empty { get; } = new(ImmutableArray<KeyValuePair<LatencyKind, LatencySummary>>.Empty);

    // A handful of kinds: a linear scan beats hashing, and the order stays the order they were added in.
    private readonly ImmutableArray<KeyValuePair<LatencyKind, LatencySummary>> _entries;

    private LatencyFigures(ImmutableArray<KeyValuePair<LatencyKind, LatencySummary>> entries) => _entries = entries;

    public static LatencyFigures Of(IEnumerable<KeyValuePair<LatencyKind, LatencySummary>> entries) => new([.. entries]);

    public LatencySummary this[LatencyKind kind]
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (entry.Key.Equals(kind))
                    return entry.Value;
            }
            return LatencySummary.Empty;
        }
    }

    /// <summary>The kinds present, built-in or named.</summary>
    public IEnumerable<LatencyKind> Kinds => _entries.Select(e => e.Key);

    public LatencyFigures With(LatencyKind kind, LatencySummary summary) =>
        new([.. _entries.Where(e => !e.Key.Equals(kind)), new(kind, summary)]);

    /// <summary>Equal when both hold the same summary for every kind (order aside; an empty summary equals a missing kind).</summary>
    public bool Equals(LatencyFigures? other) =>
        other is not null && Kinds.Concat(other.Kinds).All(k => this[k] == other[k]);

    public override bool Equals(object? obj) => Equals(obj as LatencyFigures);

    public override int GetHashCode() => 0; // an empty summary equals a missing kind, so nothing cheaper is consistent with Equals

    public override string ToString() => string.Join(", ", _entries.Select(e => $"{e.Key}: {e.Value}"));

    public IEnumerator<KeyValuePair<LatencyKind, LatencySummary>> GetEnumerator() => ((IEnumerable<KeyValuePair<LatencyKind, LatencySummary>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
