namespace LoadTestTui.Core.Verdicts;

public enum Comparison
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

public static class Comparisons
{
    public static string Symbol(this Comparison comparison) => comparison switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Equal => "==",
        _ => "!=",
    };

    public static bool Holds(this Comparison comparison, double measured, double limit) => comparison switch
    {
        Comparison.Less => measured < limit,
        Comparison.LessOrEqual => measured <= limit,
        Comparison.Greater => measured > limit,
        Comparison.GreaterOrEqual => measured >= limit,
        Comparison.Equal => measured == limit,
        _ => measured != limit,
    };

    /// <summary>The symbol that says how a failed check went wrong: "812 ms > 500 ms" for a failed "&lt; 500 ms".</summary>
    public static string Violated(this Comparison comparison) => comparison switch
    {
        Comparison.Less => ">=",
        Comparison.LessOrEqual => ">",
        Comparison.Greater => "<=",
        Comparison.GreaterOrEqual => "<",
        Comparison.Equal => "!=",
        _ => "==",
    };
}
