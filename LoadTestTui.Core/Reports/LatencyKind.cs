namespace LoadTestTui.Core.Reports;

/// <summary>One latency distribution a results file may carry, and where each of its parts lives in the JSON.</summary>
public sealed record LatencyKind(string Label, string SummaryPath, string TimelineKey, string HistogramKey, string Color)
{
    public static LatencyKind ChatEcho { get; } = new("Chat echo", "latency", "chat", "chat_rtt", "#2f6fde");
    public static LatencyKind Ping { get; } = new("Ping", "ping_latency", "ping", "ping_rtt", "#0f9d8a");
    public static LatencyKind FanOut { get; } = new("Fan-out", "delivery.fanout_latency", "fanout", "fanout", "#d9822b");

    /// <summary>Registration (register → user list); written once the engine records it.</summary>
    public static LatencyKind Registration { get; } = new("Registration", "registration_latency", "registration", "registration", "#9b51e0");

    public static IReadOnlyList<LatencyKind> All { get; } = [ChatEcho, Ping, FanOut, Registration];
}
