namespace LoadTestTui.Core.Model;

/// <summary>
/// Delivery integrity of tagged chat, counted by the receivers. Expected counts, for every
/// tagged chat sent, the other bots online when it was sent; Received and FanOut count every
/// receiver; Lost, Duplicated and OutOfOrder are counted by the audit receivers only (bots
/// 1..<see cref="AuditReceivers"/>, each tracking every sender), over <see cref="Audited"/>
/// of the deliveries: exact for those receivers, a sample of the run when it has more bots.
/// Lost counts gaps in a sender's sequence that never filled; Untagged counts chats from real
/// users (not errors).
/// </summary>
public sealed record DeliveryStats(
    long Expected,
    long Received,
    long Lost,
    long Duplicated,
    long OutOfOrder,
    long Untagged,
    LatencySummary FanOut,
    LatencySummary FanOutInterval)
{
    /// <summary>Deliveries from another load agent's bots: in Received, but without a fan-out sample (the send time stays on the sender's agent).</summary>
    public long Remote { get; init; }

    /// <summary>How many receivers audit lost / duplicated / out-of-order: every bot when the run has at most 64.</summary>
    public int AuditReceivers { get; init; }

    /// <summary>Deliveries the audit receivers got: the sample Lost, Duplicated and OutOfOrder are counted over.</summary>
    public long Audited { get; init; }

    /// <summary>Whether the audit covers every receiver (so Lost, Duplicated and OutOfOrder are whole-run figures, not a sample).</summary>
    public bool AuditsEveryReceiver { get; init; } = true;

    public static DeliveryStats Empty { get; } = new(0, 0, 0, 0, 0, 0, LatencySummary.Empty, LatencySummary.Empty);
}
