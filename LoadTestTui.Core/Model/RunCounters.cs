using System.Collections.Immutable;

namespace LoadTestTui.Core.Model;

/// <summary>
/// Every counter of a run at one tick, as one value: what bots did (cumulative) and how many are
/// where (gauges). Summable: a cluster's controller adds its agents' latest counters, and the
/// difference of two ticks is what a window or a timeline second saw (gauges then read as of the
/// later tick). One list of counters for the engine, the agents, the windows and the exports.
/// </summary>
public readonly record struct RunCounters
{
    public static RunCounters Zero { get; } = new()
    {
        ErrorsByKind = [.. new long[ErrorKinds.All.Count]],
        ProtocolErrors = [.. new long[Enum.GetValues<ProtocolErrorKind>().Length]],
    };

    // Gauges: where the bots are now.
    public int TotalBots { get; init; }
    public StateCounts States { get; init; }
    public int HandshakesInFlight { get; init; }
    public int HandshakeWindow { get; init; }

    /// <summary>Bots that have run in this run, including those scaled away since: every one of them received.</summary>
    public int BotsCreated { get; init; }

    /// <summary>Bots among <see cref="BotsCreated"/> that audit every sender (ids 1..64).</summary>
    public int AuditReceivers { get; init; }

    // Cumulative counters.
    /// <summary>Bots the ramp started (first connections, not reconnects).</summary>
    public long Started { get; init; }
    public long Connects { get; init; }
    public long Reconnects { get; init; }
    public long StateTransitions { get; init; }
    public long GoodbyesSent { get; init; }
    public long GoodbyesAcknowledged { get; init; }

    public long MessagesSent { get; init; }
    public long MessagesReceived { get; init; }
    public long FramesSent { get; init; }
    public long FramesReceived { get; init; }
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    public long PingsSent { get; init; }
    public long PongsReceived { get; init; }

    public long Errors { get; init; }

    /// <summary>Errors by class, indexed by <see cref="ErrorKind"/>.</summary>
    public ImmutableArray<long> ErrorsByKind { get; init; }

    /// <summary>Protocol errors by reason, indexed by <see cref="ProtocolErrorKind"/>.</summary>
    public ImmutableArray<long> ProtocolErrors { get; init; }

    public long DeliveryExpected { get; init; }
    public long DeliveryReceived { get; init; }
    public long DeliveryLost { get; init; }
    public long DeliveryDuplicated { get; init; }
    public long DeliveryOutOfOrder { get; init; }
    public long DeliveryUntagged { get; init; }
    public long DeliveryRemote { get; init; }
    public long DeliveryAudited { get; init; }

    public long ErrorsOf(ErrorKind kind) => At(ErrorsByKind, (int)kind);

    public long ProtocolErrorsOf(ProtocolErrorKind kind) => At(ProtocolErrors, (int)kind);

    public static RunCounters operator +(RunCounters a, RunCounters b) => Combine(a, b, 1);

    /// <summary>Equal when every counter is, the per-class arrays compared by content (a missing array reads as zeros).</summary>
    public bool Equals(RunCounters other) =>
        ScalarsEqual(this, other)
        && SameContent(ErrorsByKind, other.ErrorsByKind, ErrorKinds.All.Count)
        && SameContent(ProtocolErrors, other.ProtocolErrors, Enum.GetValues<ProtocolErrorKind>().Length);

    public override int GetHashCode() => HashCode.Combine(TotalBots, States, MessagesSent, MessagesReceived, Errors, DeliveryReceived);

    private static bool ScalarsEqual(RunCounters a, RunCounters b) =>
        a.TotalBots == b.TotalBots
        && a.States == b.States
        && a.HandshakesInFlight == b.HandshakesInFlight
        && a.HandshakeWindow == b.HandshakeWindow
        && a.BotsCreated == b.BotsCreated
        && a.AuditReceivers == b.AuditReceivers
        && a.Started == b.Started
        && a.Connects == b.Connects
        && a.Reconnects == b.Reconnects
        && a.StateTransitions == b.StateTransitions
        && a.GoodbyesSent == b.GoodbyesSent
        && a.GoodbyesAcknowledged == b.GoodbyesAcknowledged
        && a.MessagesSent == b.MessagesSent
        && a.MessagesReceived == b.MessagesReceived
        && a.FramesSent == b.FramesSent
        && a.FramesReceived == b.FramesReceived
        && a.BytesSent == b.BytesSent
        && a.BytesReceived == b.BytesReceived
        && a.PingsSent == b.PingsSent
        && a.PongsReceived == b.PongsReceived
        && a.Errors == b.Errors
        && a.DeliveryExpected == b.DeliveryExpected
        && a.DeliveryReceived == b.DeliveryReceived
        && a.DeliveryLost == b.DeliveryLost
        && a.DeliveryDuplicated == b.DeliveryDuplicated
        && a.DeliveryOutOfOrder == b.DeliveryOutOfOrder
        && a.DeliveryUntagged == b.DeliveryUntagged
        && a.DeliveryRemote == b.DeliveryRemote
        && a.DeliveryAudited == b.DeliveryAudited;

    private static bool SameContent(ImmutableArray<long> a, ImmutableArray<long> b, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (At(a, i) != At(b, i))
                return false;
        }
        return true;
    }

    /// <summary>What happened from <paramref name="b"/> to <paramref name="a"/>; gauges are <paramref name="a"/>'s.</summary>
    public static RunCounters operator -(RunCounters a, RunCounters b) => Combine(a, b, -1) with
    {
        TotalBots = a.TotalBots,
        States = a.States,
        HandshakesInFlight = a.HandshakesInFlight,
        HandshakeWindow = a.HandshakeWindow,
        BotsCreated = a.BotsCreated,
        AuditReceivers = a.AuditReceivers,
    };

    public static RunCounters Sum(IEnumerable<RunCounters> counters) => counters.Aggregate(Zero, (total, c) => total + c);

    private static RunCounters Combine(RunCounters a, RunCounters b, int sign) => new()
    {
        TotalBots = a.TotalBots + sign * b.TotalBots,
        States = sign > 0 ? a.States + b.States : a.States - b.States,
        HandshakesInFlight = a.HandshakesInFlight + sign * b.HandshakesInFlight,
        HandshakeWindow = a.HandshakeWindow + sign * b.HandshakeWindow,
        BotsCreated = a.BotsCreated + sign * b.BotsCreated,
        AuditReceivers = a.AuditReceivers + sign * b.AuditReceivers,
        Started = a.Started + sign * b.Started,
        Connects = a.Connects + sign * b.Connects,
        Reconnects = a.Reconnects + sign * b.Reconnects,
        StateTransitions = a.StateTransitions + sign * b.StateTransitions,
        GoodbyesSent = a.GoodbyesSent + sign * b.GoodbyesSent,
        GoodbyesAcknowledged = a.GoodbyesAcknowledged + sign * b.GoodbyesAcknowledged,
        MessagesSent = a.MessagesSent + sign * b.MessagesSent,
        MessagesReceived = a.MessagesReceived + sign * b.MessagesReceived,
        FramesSent = a.FramesSent + sign * b.FramesSent,
        FramesReceived = a.FramesReceived + sign * b.FramesReceived,
        BytesSent = a.BytesSent + sign * b.BytesSent,
        BytesReceived = a.BytesReceived + sign * b.BytesReceived,
        PingsSent = a.PingsSent + sign * b.PingsSent,
        PongsReceived = a.PongsReceived + sign * b.PongsReceived,
        Errors = a.Errors + sign * b.Errors,
        ErrorsByKind = Combine(a.ErrorsByKind, b.ErrorsByKind, ErrorKinds.All.Count, sign),
        ProtocolErrors = Combine(a.ProtocolErrors, b.ProtocolErrors, Zero.ProtocolErrors.Length, sign),
        DeliveryExpected = a.DeliveryExpected + sign * b.DeliveryExpected,
        DeliveryReceived = a.DeliveryReceived + sign * b.DeliveryReceived,
        DeliveryLost = a.DeliveryLost + sign * b.DeliveryLost,
        DeliveryDuplicated = a.DeliveryDuplicated + sign * b.DeliveryDuplicated,
        DeliveryOutOfOrder = a.DeliveryOutOfOrder + sign * b.DeliveryOutOfOrder,
        DeliveryUntagged = a.DeliveryUntagged + sign * b.DeliveryUntagged,
        DeliveryRemote = a.DeliveryRemote + sign * b.DeliveryRemote,
        DeliveryAudited = a.DeliveryAudited + sign * b.DeliveryAudited,
    };

    private static ImmutableArray<long> Combine(ImmutableArray<long> a, ImmutableArray<long> b, int length, int sign)
    {
        var sum = new long[length];
        for (var i = 0; i < length; i++)
            sum[i] = At(a, i) + sign * At(b, i);
        return ImmutableArray.Create(sum);
    }

    // A default or short array (an older agent, a default value) reads as zeros.
    private static long At(ImmutableArray<long> values, int index) => !values.IsDefault && index < values.Length ? values[index] : 0;
}
