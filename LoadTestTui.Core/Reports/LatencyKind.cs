using LoadTestTui.Core.Export;

namespace LoadTestTui.Core.Reports;

/// <summary>One latency distribution a results file may carry, and where each of its parts lives in the report records.</summary>
public sealed class LatencyKind
{
    private LatencyKind(string label, string timelineKey, string color, Func<RunReport, LatencyReport?> summary, Func<TimelineReportRow, SecondLatencyReport?> second, Func<HistogramsReport, string?> histogram)
    {
        Label = label;
        TimelineKey = timelineKey;
        Color = color;
        Summary = summary;
        Second = second;
        Histogram = histogram;
    }

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

    public static LatencyKind ChatEcho { get; } = new("Chat echo", "chat", "#2f6fde", r => r.Latency, t => t.Chat, h => h.ChatRtt);
    public static LatencyKind Ping { get; } = new("Ping", "ping", "#0f9d8a", r => r.PingLatency, t => t.Ping, h => h.PingRtt);
    public static LatencyKind FanOut { get; } = new("Fan-out", "fanout", "#d9822b", r => r.Delivery?.FanOutLatency, t => t.FanOut, h => h.FanOut);

    /// <summary>Registration (register → user list); written once the engine records it.</summary>
    public static LatencyKind Registration { get; } = new("Registration", "registration", "#9b51e0", r => r.RegistrationLatency, t => t.Registration, h => h.Registration);

    public static IReadOnlyList<LatencyKind> All { get; } = [ChatEcho, Ping, FanOut, Registration];
}
