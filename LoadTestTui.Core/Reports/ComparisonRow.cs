namespace LoadTestTui.Core.Reports;

/// <summary>One figure of a comparison: both values, the verdict and how the noise was judged.</summary>
public sealed record ComparisonRow(string Group, string Figure, string Unit, double? Base, double? New, Verdict Verdict, string Noise)
{
    /// <summary>New minus base, when both exist.</summary>
    public double? Change => Base is { } b && New is { } n ? n - b : null;

    /// <summary>The change relative to the base, in percent; null when the base is zero or missing.</summary>
    public double? ChangePercent => Base is { } b && New is { } n && b != 0 ? 100 * (n - b) / Math.Abs(b) : null;
}
