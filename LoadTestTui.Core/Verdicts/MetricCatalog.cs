using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Verdicts;

/// <summary>
/// Every figure a threshold may name. Adding a metric is one line here: a latency family adds
/// its percentiles at once (<see cref="Latency"/>), any other figure is one <see cref="MetricDefinition"/>.
/// </summary>
public static class MetricCatalog
{
    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        .. LatencyKind.BuiltIn.SelectMany(Latency),
        new("errors.rate", MetricUnit.Ratio, "errors / (chats + pings sent + connects + errors)", f => f.Run.ErrorRate),
        new("errors.count", MetricUnit.Count, "errors of every class", f => f.Run.Errors),
        .. ErrorKinds.All.Select(k => new MetricDefinition($"errors.{k.Name()}", MetricUnit.Count, $"{k.Name()} errors", f => f.Run.ErrorsByKind.GetValueOrDefault(k))),
        new("delivery.lost", MetricUnit.Count, "chats lost (gaps in a sender's sequence)", f => f.Run.Lost),
        new("delivery.duplicated", MetricUnit.Count, "chats delivered twice", f => f.Run.Duplicated),
        new("delivery.out_of_order", MetricUnit.Count, "chats delivered out of order", f => f.Run.OutOfOrder),
        new("delivery.ratio", MetricUnit.Ratio, "deliveries received / expected", f => f.Run.DeliveryRatio),
        new("online.ratio", MetricUnit.Ratio, "mean of online / assigned bots over the ticks", f => f.Run.OnlineRatio),
        new("online.bots", MetricUnit.Count, "bots online at the end", f => f.Run.Online),
        new("throughput.sent", MetricUnit.PerSecond, "chats sent per second", f => f.Run.SentPerSecond),
        new("throughput.received", MetricUnit.PerSecond, "chats received per second", f => f.Run.ReceivedPerSecond),
        new("connects.count", MetricUnit.Count, "successful connects", f => f.Run.Connects),
        new("server.cpu.avg", MetricUnit.Percent, "server process CPU, average (100 = one core)", f => f.Server?.CpuAvg),
        new("server.cpu.max", MetricUnit.Percent, "server process CPU, maximum (100 = one core)", f => f.Server?.CpuMax),
        new("server.memory.avg", MetricUnit.Megabytes, "server resident memory, average", f => f.Server?.MemoryAvgMb),
        new("server.memory.max", MetricUnit.Megabytes, "server resident memory, maximum", f => f.Server?.MemoryMaxMb),
        new("server.threads.avg", MetricUnit.Count, "server threads, average", f => f.Server?.ThreadsAvg),
        new("server.threads.max", MetricUnit.Count, "server threads, maximum", f => f.Server?.ThreadsMax),
        new("server.connections.avg", MetricUnit.Count, "server TCP connections (on the load-test port when known), average", f => f.Server?.ConnectionsAvg),
        new("server.connections.max", MetricUnit.Count, "server TCP connections (on the load-test port when known), maximum", f => f.Server?.ConnectionsMax),
    ];

    private static readonly Dictionary<string, MetricDefinition> ByName = All.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public static MetricDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The metric whose name is closest to <paramref name="name"/> (edit distance), for "did you mean".</summary>
    public static string Nearest(string name) =>
        All.MinBy(m => EditDistance(name.ToLowerInvariant(), m.Name))!.Name;

    /// <summary>p50 ... p99.9, min, mean, max and count of one latency kind (no data while it has no samples), named after the kind.</summary>
    private static IEnumerable<MetricDefinition> Latency(LatencyKind kind)
    {
        var (family, what) = (kind.Name, kind.Description);
        LatencySummary Read(RunFigures figures) => figures.Latency[kind];
        (string Stat, Func<LatencySummary, double> Value)[] stats =
        [
            ("p50", s => s.P50Ms), ("p90", s => s.P90Ms), ("p95", s => s.P95Ms), ("p99", s => s.P99Ms), ("p99.9", s => s.P999Ms),
            ("min", s => s.MinMs), ("mean", s => s.MeanMs), ("max", s => s.MaxMs),
        ];
        foreach (var (stat, value) in stats)
            yield return new MetricDefinition($"{family}.{stat}", MetricUnit.Milliseconds, $"{what}, {stat}", f => Read(f.Run) is { Count: > 0 } s ? value(s) : null);
        yield return new MetricDefinition($"{family}.count", MetricUnit.Count, $"{what}, samples", f => Read(f.Run).Count);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
