using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Loops;

namespace LoadTestTui.Core.Engine;

/// <summary>How the engine runs a test (the bots' own behaviour is in <see cref="Bots.BotOptions"/>).</summary>
public sealed record EngineOptions
{
    public static EngineOptions Default { get; } = new();

    /// <summary>Bots started per second.</summary>
    public double RampPerSecond { get; init; } = 100;

    /// <summary>How often a snapshot is published.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long bots get to say goodbye before stragglers are cut.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many events one snapshot carries at most; the rest are counted as dropped.</summary>
    public int MaxEventsPerTick { get; init; } = 50;

    /// <summary>Keep the latency values of each tick for <see cref="BotEngine.TakeUnreported"/> (set by a load agent).</summary>
    public bool KeepUnreported { get; init; }

    /// <summary>Handshakes (connect + register) in flight at the start; the window grows from there while answers are fast.</summary>
    public int HandshakeWindowInitial { get; init; } = 16;

    /// <summary>Never more handshakes in flight than this, however fast the server answers (below a typical accept backlog).</summary>
    public int HandshakeWindowMax { get; init; } = 512;

    /// <summary>The widest window a user may ask for: past the kernel's accept backlogs a wider one only queues SYNs.</summary>
    public const int MaxHandshakeWindow = 65_536;

    /// <summary>
    /// A registration (connect start to user list) slower than this is slow; when a quarter of a
    /// window's worth are, the handshake window halves. A fifth of the default response timeout.
    /// </summary>
    public TimeSpan HandshakeTarget { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Reconnects per second for the whole run, on top of each bot's backoff.</summary>
    public double ReconnectsPerSecond { get; init; } = 500;

    /// <summary>
    /// The clock of the engine's tick and of a run's schedule (elapsed time, duration, ramp, plan stages). Bots keep
    /// <see cref="Bots.MonoClock"/> for everything they time themselves. Tests pass a fake clock to step a plan instead of sleeping.
    /// </summary>
    internal TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The event loops bots live on; null for the process's own (<see cref="EventLoops.Shared"/>). Tests pick a backend with it.</summary>
    internal EventLoops? Loops { get; init; }

    internal RunLimits RunLimits => new(Loops ?? EventLoops.Shared, TimeProvider, MaxEventsPerTick, HandshakeWindowInitial, HandshakeWindowMax, HandshakeTarget, ReconnectsPerSecond);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RampPerSecond <= 0 || double.IsNaN(RampPerSecond))
            problems.Add($"--ramp must be positive bots per second (got {RampPerSecond}).");
        if (Tick < TimeSpan.FromMilliseconds(20) || Tick > TimeSpan.FromSeconds(10))
            problems.Add("the snapshot tick must be between 0.02 and 10 seconds.");
        if (HandshakeWindowMax < HandshakeWindow.MinimumSize || HandshakeWindowMax > MaxHandshakeWindow)
            problems.Add($"--handshake-window must be {HandshakeWindow.MinimumSize} to {MaxHandshakeWindow} handshakes in flight (got {HandshakeWindowMax}).");
        if (HandshakeWindowInitial < 1)
            problems.Add($"the handshake window must start at 1 or more (got {HandshakeWindowInitial}); a start above the maximum starts at the maximum.");
        if (HandshakeTarget <= TimeSpan.Zero || HandshakeTarget > TimeSpan.FromMinutes(10))
            problems.Add($"--handshake-target must be positive seconds, up to 600 (got {HandshakeTarget.TotalSeconds:0.###}).");
        if (ReconnectsPerSecond <= 0 || double.IsNaN(ReconnectsPerSecond) || ReconnectsPerSecond > 1_000_000)
            problems.Add($"--reconnect-rate must be positive reconnects per second, up to 1000000 (got {ReconnectsPerSecond}).");
        if (StopTimeout < TimeSpan.Zero)
            problems.Add("--stop-timeout must not be negative.");
        return problems;
    }
}
