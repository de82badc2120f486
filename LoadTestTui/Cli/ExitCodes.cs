namespace LoadTestTui.Cli;

internal static class ExitCodes
{
    /// <summary>The run completed and bots came online.</summary>
    public const int Ok = 0;

    /// <summary>No bot ever came online, or a required output could not be written.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, or the environment refuses the command (no terminal, port in use).</summary>
    public const int Usage = 2;

    /// <summary><c>compare --fail-on-regression</c>: a figure got worse beyond noise or tolerance.</summary>
    public const int Regression = 3;
}
