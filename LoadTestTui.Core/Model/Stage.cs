namespace LoadTestTui.Core.Model;

/// <summary>
/// One stage of a load plan: over <see cref="Duration"/> the target moves linearly from the
/// previous stage's target to <see cref="Target"/>. A zero duration is a jump.
/// </summary>
public sealed record Stage(TimeSpan Duration, int Target, StageBehaviour? Behaviour = null)
{
    public override string ToString() =>
        $"{DurationText.Format(Duration)}:{Target}" + (Behaviour is { } b ? $" ({b})" : "");
}
