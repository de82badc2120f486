using System.Globalization;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// What a run asked of its server, as its results file records it: the bots or the plan, the
/// bots' intervals, the duration and the protocol. Two runs compare only under the same
/// workload; their targets may differ (an old build on one port, the new one on another).
/// </summary>
public static class Workload
{
    /// <summary>Durations within this fraction of the longer one are the same workload.</summary>
    public const double DurationTolerance = 0.10;

    /// <summary>One line per difference, naming it ("bots: A 5, B 8"); empty when the workloads match. A figure only one file records is not compared.</summary>
    public static IReadOnlyList<string> Differences(RunDocument a, RunDocument b)
    {
        var differences = new List<string>();
        void Check(string name, string? va, string? vb)
        {
            if (va is not null && vb is not null && va != vb)
                differences.Add($"{name}: A {va}, B {vb}");
        }
        var (ra, rb) = (a.Report, b.Report);
        if (ra.Plan is null && rb.Plan is null)
            Check("bots", Text(ra.Run?.TargetBots), Text(rb.Run?.TargetBots));
        else if (Plan(ra.Plan) != Plan(rb.Plan))
            differences.Add($"plan: A {Plan(ra.Plan)}, B {Plan(rb.Plan)}");
        var (oa, ob) = (ra.Run?.Options, rb.Run?.Options);
        Check("chat interval", Interval(oa?.ChatIntervalMin, oa?.ChatIntervalMax), Interval(ob?.ChatIntervalMin, ob?.ChatIntervalMax));
        Check("heartbeat interval", Seconds(oa?.HeartbeatInterval), Seconds(ob?.HeartbeatInterval));
        Check("ping interval", Seconds(oa?.PingInterval), Seconds(ob?.PingInterval));
        var (da, db) = (Duration(ra), Duration(rb));
        if (da is { } x && db is { } y && Math.Abs(x - y) > DurationTolerance * Math.Max(x, y))
            differences.Add($"duration: A {Seconds(x)}, B {Seconds(y)} (more than {DurationTolerance * 100:0} % apart)");
        Check("encoding", oa?.Encoding, ob?.Encoding);
        Check("max frame", Text(oa?.MaxFrame), Text(ob?.MaxFrame));
        Check("protocol key (sha256)", oa?.KeySha256, ob?.KeySha256);
        return differences;
    }

    /// <summary>"targets differ: A 127.0.0.1:36313, B 127.0.0.1:33705", or null when they are the same or a file does not say.</summary>
    public static string? TargetNote(RunDocument a, RunDocument b) =>
        a.Target is { } ta && b.Target is { } tb && !string.Equals(ta, tb, StringComparison.OrdinalIgnoreCase)
            ? $"targets differ: A {ta}, B {tb}"
            : null;

    /// <summary>The duration asked for (the limit, or the plan's length); the time it ran when it had no limit.</summary>
    private static double? Duration(RunReport r) => r.Run?.DurationSeconds ?? r.Plan?.TotalSeconds ?? r.ElapsedTime;

    /// <summary>A plan as one comparable line, stage behaviours included; "none" without one.</summary>
    private static string Plan(PlanReport? plan) => plan is null ? "none"
        : $"from {Text(plan.StartTarget)} bots, " + string.Join(", ", plan.Stages?.OfType<StageReport>().Select(Stage) ?? []);

    private static string Stage(StageReport s)
    {
        var text = $"{Seconds(s.DurationSeconds)} → {Text(s.Target)}";
        var behaviour = new[]
        {
            s.ChatIntervalMinSeconds is not null || s.ChatIntervalMaxSeconds is not null ? $"chat {Interval(s.ChatIntervalMinSeconds, s.ChatIntervalMaxSeconds)}" : null,
            s.HeartbeatIntervalSeconds is { } h ? $"heartbeat {Seconds(h)}" : null,
            s.PingIntervalSeconds is { } p ? $"ping {Seconds(p)}" : null,
        }.OfType<string>().ToList();
        return behaviour.Count == 0 ? text : $"{text} ({string.Join(", ", behaviour)})";
    }

    private static string? Interval(double? min, double? max) =>
        min is null && max is null ? null : min == max ? Seconds(min) : $"{Text(min)}–{Seconds(max)}";

    private static string? Seconds(double? value) => value is null ? null : $"{Text(value)} s";

    private static string? Text(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);
}
