namespace LoadTestTui.Core.Bots;

/// <summary>
/// An audit receiver's order state for every sender of the run, indexed by sender id: the one
/// place delivery integrity keeps per-sender state. Only <see cref="AuditReceivers"/> bots keep
/// one, so the run's total is O(bots), a constant per bot, where a table at every receiver
/// would be O(bots^2). Touched only by its bot's read loop.
/// </summary>
internal sealed class SenderTable
{
    /// <summary>Bots with ids 1..this audit every sender; with this many bots or fewer, every receiver does.</summary>
    public const int AuditReceivers = 64;

    private SenderOrder[] _orders = [];

    /// <summary>The order state for a sender id (1-based); <paramref name="senders"/> (the run's bot count) bounds growth.</summary>
    public ref SenderOrder For(int senderId, int senders)
    {
        var index = senderId - 1;
        if (index >= _orders.Length)
            Array.Resize(ref _orders, Math.Max(index + 1, Math.Min(Math.Max(16, _orders.Length * 2), senders)));
        return ref _orders[index];
    }

    /// <summary>Forgets every sender: after a reconnect nothing sent while offline was owed.</summary>
    public void Clear() => Array.Clear(_orders);
}
