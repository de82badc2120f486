using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// How the report shows one <see cref="LatencyKind"/> of a results file, and where each of its parts
/// lives in the report records.
/// </summary>
public sealed class LatencyChart
{
    private LatencyChart(LatencyKind kind, string label, string timelineKey, string color, Func<RunReport, LatencyReport?> summary, Func<TimelineReportRow, SecondLatencyReport?> second, Func<HistogramsReport, string?> histogram)
    {
        Kind = kind;
        Label = label;
        TimelineKey = timelineKey;
        Color = color;
        Summary = summary;
        Second = second;
        Histogram = histogram;
    }

    /// <summary>The latency this chart shows (the engine's kind, the same name thresholds use).</summary>
    public LatencyKind Kind { get; }

    public string Label { get; }

    /// <summary>The timeline row's key for this kind ("chat"), also the charts' id.</summary>
    public string TimelineKey { get; }

    public string Color { get; }

    /// <summary>The whole-run summary (<c>latency</c>, <c>ping_latency</c>, ...).</summary>
    public Func<RunReport, LatencyReport?> Summary { get; }

    /// <summary>One timeline second's latency.</summary>
    public Func<TimelineReportRow, SecondLatencyReport?> Second { get; }

    /// <summary>The encoded cumulative histogram.</summary>
    public Func<HistogramsReport, string?> Histogram { get; }

    public static LatencyChart ChatEcho { get; } = new(LatencyKind.ChatEcho, "Chat echo", "chat", "#2f6fde", r => r.Latency, t => t.Chat, h => h.ChatRtt);
    public static LatencyChart Ping { get; } = new(LatencyKind.Ping, "Ping", "ping", "#0f9d8a", r => r.PingLatency, t => t.Ping, h => h.PingRtt);
    public static LatencyChart FanOut { get; } = new(LatencyKind.FanOut, "Fan-out", "fanout", "#d9822b", r => r.Delivery?.FanOutLatency, t => t.FanOut, h => h.FanOut);

    /// <summary>Registration (register → user list); written once the engine records it.</summary>
    public static LatencyChart Registration { get; } = new(LatencyKind.Registration, "Registration", "registration", "#9b51e0", r => r.RegistrationLatency, t => t.Registration, h => h.Registration);

    public static IReadOnlyList<LatencyChart> All { get; } = [ChatEcho, Ping, FanOut, Registration];
}
