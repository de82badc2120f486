using System.Collections.Immutable;

namespace LoadTestTui.Core.Model;

/// <summary>
/// The figures a verdict is made of, over the whole run or over one window of it: latency
/// distributions (merged from interval histograms, never from percentiles) and what the
/// counters did over the span.
/// </summary>
public sealed record RunFigures
{
    public static RunFigures Empty { get; } = new();

    /// <summary>The span the figures cover.</summary>
    public TimeSpan Span { get; init; }

    /// <summary>Every latency over the span, by kind.</summary>
    public LatencyFigures Latency { get; init; } = LatencyFigures.Empty;

    /// <summary>The counters' change over the span (gauges as of its end).</summary>
    public RunCounters Counters { get; init; } = RunCounters.Zero;

    public LatencySummary ChatRtt => Latency[LatencyKind.ChatEcho];
    public LatencySummary PingRtt => Latency[LatencyKind.Ping];
    public LatencySummary FanOut => Latency[LatencyKind.FanOut];

    /// <summary>Connect start to the first user list, and the TCP connect alone.</summary>
    public LatencySummary Registration => Latency[LatencyKind.Registration];
    public LatencySummary ConnectTime => Latency[LatencyKind.Connect];

    public long MessagesSent => Counters.MessagesSent;
    public long MessagesReceived => Counters.MessagesReceived;
    public long PingsSent => Counters.PingsSent;
    public long Connects => Counters.Connects;
    public long Errors => Counters.Errors;
    public ImmutableDictionary<ErrorKind, long> ErrorsByKind => ErrorKinds.All.ToImmutableDictionary(k => k, Counters.ErrorsOf);

    public long DeliveryExpected => Counters.DeliveryExpected;
    public long DeliveryReceived => Counters.DeliveryReceived;
    public long Lost => Math.Max(0, Counters.DeliveryLost);
    public long Duplicated => Counters.DeliveryDuplicated;
    public long OutOfOrder => Counters.DeliveryOutOfOrder;

    /// <summary>Mean over the span's ticks of online / assigned bots (ticks with bots assigned, not stopping); null without such a tick.</summary>
    public double? OnlineRatio { get; init; }

    /// <summary>Online bots and the target at the end of the span.</summary>
    public int Online { get; init; }
    public int Target { get; init; }

    /// <summary>Errors per operation: errors / (chats + pings sent + connects + errors). Null when nothing happened.</summary>
    public double? ErrorRate
    {
        get
        {
            var operations = MessagesSent + PingsSent + Connects + Errors;
            return operations == 0 ? null : (double)Errors / operations;
        }
    }

    /// <summary>Deliveries received per delivery expected; null when none was expected.</summary>
    public double? DeliveryRatio => DeliveryExpected == 0 ? null : (double)DeliveryReceived / DeliveryExpected;

    public double SentPerSecond => Span > TimeSpan.Zero ? MessagesSent / Span.TotalSeconds : 0;
    public double ReceivedPerSecond => Span > TimeSpan.Zero ? MessagesReceived / Span.TotalSeconds : 0;
}
