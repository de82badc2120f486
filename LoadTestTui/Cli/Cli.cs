namespace LoadTestTui.Cli;

/// <summary>Small helpers every command shares.</summary>
internal static class Cli
{
    /// <summary>Prints every problem, one per line, and returns the usage exit code.</summary>
    public static int Usage(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
            Console.Error.WriteLine($"error: {problem}");
        return ExitCodes.Usage;
    }
}
