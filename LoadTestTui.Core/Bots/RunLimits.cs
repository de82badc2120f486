using LoadTestTui.Core.Loops;

namespace LoadTestTui.Core.Bots;

/// <summary>What the engine's options decide for a run's bots: where they live, the clock of their schedule, how many handshakes and reconnects may be under way, and what the run keeps for an agent.</summary>
internal sealed record RunLimits(
    EventLoops Loops,
    TimeProvider Clock,
    int MaxEventsPerTick,
    int HandshakeWindowInitial,
    int HandshakeWindowMax,
    TimeSpan HandshakeTarget,
    double ReconnectsPerSecond);
