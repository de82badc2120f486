namespace LoadTestTui.Core.Engine;

/// <summary>
/// Delivery integrity of tagged chat, counted by the receivers. Expected counts, for every
/// tagged chat sent, the other bots online when it was sent; Lost counts gaps in a sender's
/// sequence that never filled; Untagged counts chats from real users (not errors).
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

    public static DeliveryStats Empty { get; } = new(0, 0, 0, 0, 0, 0, LatencySummary.Empty, LatencySummary.Empty);
}
