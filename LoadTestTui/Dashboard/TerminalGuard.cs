namespace LoadTestTui.Dashboard;

/// <summary>Refuses the dashboard where there is no interactive terminal (it would run invisibly and never exit).</summary>
public static class TerminalGuard
{
    /// <summary>Returns a one-line reason when the dashboard cannot run here, or null when it can.</summary>
    public static string? Check() => Check(Console.IsInputRedirected, Console.IsOutputRedirected);

    internal static string? Check(bool inputRedirected, bool outputRedirected)
    {
        if (!inputRedirected && !outputRedirected)
            return null;
        var what = (inputRedirected, outputRedirected) switch
        {
            (true, true) => "input and output are redirected",
            (true, false) => "input is redirected",
            _ => "output is redirected",
        };
        return $"The dashboard needs an interactive terminal ({what}); use `loadtest run` for headless mode.";
    }
}
