using System.Collections.Immutable;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Plans;

/// <summary>What a plan file holds: a plan (null when the file only sets thresholds) and its thresholds.</summary>
public sealed record PlanFile(LoadPlan? Plan, ImmutableArray<Threshold> Thresholds);
