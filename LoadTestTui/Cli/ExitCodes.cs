namespace LoadTestTui.Cli;

internal static class ExitCodes
{
    /// <summary>The run completed, bots came online and every threshold held.</summary>
    public const int Ok = 0;

    /// <summary>No bot ever came online, or a required output could not be written.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, or the environment refuses the command (no terminal, port in use).</summary>
    public const int Usage = 2;

    /// <summary>
    /// A verdict failed: a threshold failed (or aborted the run); for capacity, the SLO failed at
    /// the minimum bots; for <c>compare --fail-on-regression</c>, a figure got worse beyond noise or tolerance.
    /// </summary>
    public const int ThresholdsFailed = 3;

    /// <summary><c>compare --fail-on-regression</c>: the same code as a failed threshold, for CI.</summary>
    public const int Regression = ThresholdsFailed;
}
