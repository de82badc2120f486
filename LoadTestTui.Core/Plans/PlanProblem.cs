namespace LoadTestTui.Core.Plans;

/// <summary>One thing wrong with a plan file, at a line (1-based).</summary>
public sealed record PlanProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}
