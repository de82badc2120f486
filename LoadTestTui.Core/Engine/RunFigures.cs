using System.Collections.Immutable;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// The figures a verdict is made of, over the whole run or over one window of it: latency
/// distributions (merged from interval histograms, never from percentiles) and counter deltas.
/// </summary>
public sealed record RunFigures
{
    public static RunFigures Empty { get; } = new();

    /// <summary>The span the figures cover.</summary>
    public TimeSpan Span { get; init; }

    public LatencySummary ChatRtt { get; init; } = LatencySummary.Empty;
    public LatencySummary PingRtt { get; init; } = LatencySummary.Empty;
    public LatencySummary FanOut { get; init; } = LatencySummary.Empty;

    /// <summary>Connect start to the first user list, and the TCP connect alone.</summary>
    public LatencySummary Registration { get; init; } = LatencySummary.Empty;
    public LatencySummary ConnectTime { get; init; } = LatencySummary.Empty;

    public long MessagesSent { get; init; }
    public long MessagesReceived { get; init; }
    public long PingsSent { get; init; }
    public long Connects { get; init; }
    public long Errors { get; init; }
    public ImmutableDictionary<ErrorKind, long> ErrorsByKind { get; init; } = ImmutableDictionary<ErrorKind, long>.Empty;

    public long DeliveryExpected { get; init; }
    public long DeliveryReceived { get; init; }
    public long Lost { get; init; }
    public long Duplicated { get; init; }
    public long OutOfOrder { get; init; }

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
