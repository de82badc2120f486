
namespace LoadTestTui.Core.Cluster;

/// <summary>
/// One stage of a load plan as a work order carries it: its length and the bots' behaviour
/// during it (null: the run's own setting), in milliseconds. Targets stay with the controller,
/// which scales each agent to its share; the agent knows the stages' times so its bots wake on
/// a stage change by themselves, and a stage command re-anchors them to the controller's clock.
/// </summary>
public sealed record WorkStage
{
    public double DurationMs { get; init; }
    public double? ChatIntervalMinMs { get; init; }
    public double? ChatIntervalMaxMs { get; init; }
    public double? HeartbeatIntervalMs { get; init; }
    public double? PingIntervalMs { get; init; }

    /// <summary>Every time is finite and not negative (an agent refuses a work order with a bad stage).</summary>
    public bool IsValid => new[] { DurationMs, ChatIntervalMinMs, ChatIntervalMaxMs, HeartbeatIntervalMs, PingIntervalMs }
        .All(ms => ms is null || (double.IsFinite(ms.Value) && ms >= 0 && ms < TimeSpan.MaxValue.TotalMilliseconds / 2));

    public static WorkStage From(Stage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var b = stage.Behaviour;
        return new WorkStage
        {
            DurationMs = stage.Duration.TotalMilliseconds,
            ChatIntervalMinMs = b?.ChatIntervalMin?.TotalMilliseconds,
            ChatIntervalMaxMs = b?.ChatIntervalMax?.TotalMilliseconds,
            HeartbeatIntervalMs = b?.HeartbeatInterval?.TotalMilliseconds,
            PingIntervalMs = b?.PingInterval?.TotalMilliseconds,
        };
    }

    /// <summary>The stages as a plan of behaviours (targets 0: the agent's engine never follows them).</summary>
    public static LoadPlan ToPlan(IReadOnlyList<WorkStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        return new LoadPlan(stages.Select(s => new Stage(TimeSpan.FromMilliseconds(s.DurationMs), 0, s.Behaviour())));
    }

    private StageBehaviour? Behaviour() =>
        ChatIntervalMinMs is null && ChatIntervalMaxMs is null && HeartbeatIntervalMs is null && PingIntervalMs is null ? null
            : new StageBehaviour
            {
                ChatIntervalMin = Ms(ChatIntervalMinMs),
                ChatIntervalMax = Ms(ChatIntervalMaxMs),
                HeartbeatInterval = Ms(HeartbeatIntervalMs),
                PingInterval = Ms(PingIntervalMs),
            };

    private static TimeSpan? Ms(double? value) => value is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
