namespace LoadTestTui.Core.Reports;

/// <summary>What a comparison says about one figure.</summary>
public enum Verdict
{
    /// <summary>The difference is within the noise (or the tolerance).</summary>
    Same,
    Better,
    Worse,

    /// <summary>One of the files does not carry the figure.</summary>
    NotComparable,
}
