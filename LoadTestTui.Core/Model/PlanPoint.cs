namespace LoadTestTui.Core.Model;

/// <summary>Where a plan stands at one moment: the stage (0-based), the target bots, the stage's time left and its behaviour.</summary>
public readonly record struct PlanPoint(int StageIndex, int Target, TimeSpan StageRemaining, StageBehaviour? Behaviour, bool Finished);
