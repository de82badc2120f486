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

    /// <summary>Handshakes (connect + register) in flight at the start; the window grows from there while answers are fast.</summary>
    public int HandshakeWindowInitial { get; init; } = 16;

    /// <summary>Never more handshakes in flight than this, however fast the server answers (below a typical accept backlog).</summary>
    public int HandshakeWindowMax { get; init; } = 512;

    /// <summary>
    /// A registration (connect start to user list) slower than this is slow; when a quarter of a
    /// window's worth are, the handshake window halves. A fifth of the default response timeout.
    /// </summary>
    public TimeSpan HandshakeTarget { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Reconnects per second for the whole run, on top of each bot's backoff.</summary>
    public double ReconnectsPerSecond { get; init; } = 500;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RampPerSecond <= 0 || double.IsNaN(RampPerSecond))
            problems.Add($"--ramp must be positive bots per second (got {RampPerSecond}).");
        if (Tick < TimeSpan.FromMilliseconds(20) || Tick > TimeSpan.FromSeconds(10))
            problems.Add("the snapshot tick must be between 0.02 and 10 seconds.");
        if (HandshakeWindowInitial < 1 || HandshakeWindowMax < HandshakeWindow.MinimumSize)
            problems.Add($"the handshake window must start at 1 or more and allow at least {HandshakeWindow.MinimumSize}.");
        if (HandshakeTarget <= TimeSpan.Zero)
            problems.Add("the handshake target must be positive.");
        if (ReconnectsPerSecond <= 0 || double.IsNaN(ReconnectsPerSecond))
            problems.Add($"the reconnect rate must be positive per second (got {ReconnectsPerSecond}).");
        if (StopTimeout < TimeSpan.Zero)
            problems.Add("--stop-timeout must not be negative.");
        return problems;
    }
}
