namespace LoadTestTui.Dashboard;

/// <summary>The dashboard's keys, as shown in the help dialog and the status bar.</summary>
public static class DashboardKeys
{
    public sealed record Entry(string Keys, string Label, string Description);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("F1", "Help", "this help"),
        new("s", "Start", "start a run (bots, duration, ramp)"),
        new("x", "Stop", "stop the run gracefully"),
        new("+ / =", "+10", "add 10 bots"),
        new("-", "-10", "remove 10 bots"),
        new("]", "+100", "add 100 bots"),
        new("[", "-100", "remove 100 bots"),
        new("b", "Broadcast", "send a message through every online bot"),
        new("e", "Export", "write JSON + CSV statistics"),
        new("p", "Pause", "pause / resume the bots' chat"),
        new("a", "Agents", "load agents of a --nats run (bots, CPU, heard)"),
        new("o", "Sort", "sort the Bots table by the next column"),
        new("r", "Reverse", "reverse the sort order"),
        new("q", "Quit", "quit (asks first while bots run); Ctrl+C too"),
        new("Esc", "", "cancel any dialog (does not quit)"),
    ];
}
