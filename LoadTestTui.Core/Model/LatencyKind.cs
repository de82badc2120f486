namespace LoadTestTui.Core.Model;

/// <summary>
/// One latency a run measures, as data: the five the bots always measure, and any a protocol
/// file names. <see cref="Name"/> is its identity (thresholds say <c>echo.p99</c>, agents ship
/// histograms under it); two kinds with the same name are the same kind.
/// </summary>
public sealed class LatencyKind : IEquatable<LatencyKind>
{
    public LatencyKind(string name, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Description = description ?? "";
    }

    /// <summary>The metric family's name: <c>echo</c>, <c>ping</c>, <c>fanout</c>, <c>registration</c>, <c>connect</c>, or a protocol file's.</summary>
    public string Name { get; }

    /// <summary>For a person: "chat echo round trip".</summary>
    public string Description { get; }

    public static LatencyKind ChatEcho { get; } = new("echo", "chat echo round trip");
    public static LatencyKind Ping { get; } = new("ping", "ping to pong round trip");
    public static LatencyKind FanOut { get; } = new("fanout", "chat fan-out (sender to another bot)");
    public static LatencyKind Registration { get; } = new("registration", "registration (connect start to the first user list)");
    public static LatencyKind Connect { get; } = new("connect", "TCP connect");

    /// <summary>The kinds every run measures, in the order figures list them.</summary>
    public static IReadOnlyList<LatencyKind> BuiltIn { get; } = [ChatEcho, Ping, FanOut, Registration, Connect];

    /// <summary>The built-in kind of that name, or a new kind (a name from a protocol file or another agent).</summary>
    public static LatencyKind Named(string name) =>
        BuiltIn.FirstOrDefault(k => k.Name == name) ?? new LatencyKind(name, name);

    public bool Equals(LatencyKind? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LatencyKind);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;
}
