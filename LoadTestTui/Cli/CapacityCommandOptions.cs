using System.CommandLine;
using System.Globalization;
using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Cli;

/// <summary><c>loadtest capacity</c>'s options: the bot behaviour of <c>run</c> plus the search's bounds, pace and SLO.</summary>
internal sealed class CapacityCommandOptions
{
    public RunOptions Run { get; } = new();
    public Option<int?> MaxBots { get; } = new("--max-bots") { Description = "The most bots the search tries (required)." };
    public Option<int> MinBots { get; } = new("--min-bots") { Description = "The bots of the first step.", DefaultValueFactory = _ => 10 };
    public Option<string> Resolution { get; } = new("--resolution") { Description = "Stop narrowing when the first failing count is within this of the last good one.", DefaultValueFactory = _ => "5%" };
    public Option<double> Growth { get; } = new("--growth") { Description = "Far from the edge, each step multiplies the bots by this.", DefaultValueFactory = _ => 2 };
    public Option<string> Settle { get; } = new("--settle") { Description = "Time each step's bots get after the ramp before measuring.", DefaultValueFactory = _ => "10s" };
    public Option<string> Measure { get; } = new("--measure") { Description = "Each step's measuring window: only its samples judge the step.", DefaultValueFactory = _ => "20s" };
    public Option<string[]> Thresholds { get; } = new("--threshold") { Description = "An SLO threshold (repeatable). Default: " + string.Join(", ", CapacityOptions.DefaultSlo) + "." };
    public Option<string?> Output { get; } = new("--output") { Description = "Write the JSON result (run report with a capacity section) here." };
    public Option<string?> Csv { get; } = new("--csv") { Description = "Write the table of steps to this CSV file." };
    public Option<string?> Html { get; } = new("--html") { Description = "Write the HTML report (the search's steps against each SLO figure, and the run's charts) here." };
    public Option<string?> Junit { get; } = new("--junit") { Description = "Write the search's verdict as JUnit XML here (one test case: the capacity within the SLO), for CI." };
    public Option<string?> SummaryMarkdown { get; } = new("--summary-md") { Description = "Write the answer, the key figures and the steps as Markdown here, e.g. $GITHUB_STEP_SUMMARY." };
    public Option<string> Log { get; } = new("--log") { Description = "Log file.", DefaultValueFactory = _ => "load_test.log" };
    public Option<bool> Dashboard { get; } = new("--dashboard") { Description = "Watch the search on the dashboard (a header line shows its state)." };
    public ControllerCliOptions Cluster { get; } = new();

    public CapacityCommandOptions()
    {
        // The search chooses the bots and ends by itself: these two of run's options do not apply.
        Run.Bots.Hidden = true;
        Run.Duration.Hidden = true;
    }

    public void AddTo(Command command)
    {
        Run.AddTo(command);
        foreach (var option in new Option[] { MaxBots, MinBots, Resolution, Growth, Settle, Measure, Thresholds, Output, Csv, Html, Junit, SummaryMarkdown, Log, Dashboard })
            command.Options.Add(option);
        Cluster.AddTo(command);
    }

    public CapacityOptions? Bind(ParseResult parse, RunOptions.Bound? bound, List<string> problems)
    {
        var slo = new List<Threshold>();
        var texts = parse.GetValue(Thresholds) is { Length: > 0 } given ? given : [.. CapacityOptions.DefaultSlo];
        foreach (var text in texts)
        {
            if (ThresholdParser.TryParse(text, out var threshold, out var problem))
                slo.Add(threshold!);
            else
                problems.Add($"--threshold: {problem}");
        }
        if (bound is { Monitor: null } && slo.Any(t => t.Metric.Name.StartsWith("server.", StringComparison.Ordinal)))
            problems.Add("server.* thresholds need a monitored server: add --monitor-process, --monitor-pid or --monitor-port.");
        var max = parse.GetValue(MaxBots);
        if (max is null)
            problems.Add("--max-bots is required: the search never goes above it.");
        var resolution = ParsePercent(parse.GetValue(Resolution), problems);
        var settle = Duration(parse.GetValue(Settle), "--settle", problems);
        var measure = Duration(parse.GetValue(Measure), "--measure", problems);
        var options = new CapacityOptions
        {
            MinBots = parse.GetValue(MinBots),
            MaxBots = max ?? parse.GetValue(MinBots),
            Resolution = resolution,
            Growth = parse.GetValue(Growth),
            Settle = settle,
            Measure = measure,
            Slo = slo,
        };
        // An SLO emptied by parse errors is already explained by them.
        if (max is not null)
            problems.AddRange(options.Validate().Where(p => slo.Count > 0 || !p.StartsWith("the SLO", StringComparison.Ordinal)));
        return problems.Count > 0 ? null : options;
    }

    private static double ParsePercent(string? text, List<string> problems)
    {
        var s = (text ?? "").Trim();
        var percent = s.EndsWith('%');
        if (double.TryParse(percent ? s[..^1] : s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return percent || value >= 1 ? value / 100 : value;
        problems.Add($"--resolution '{text}' must be a percentage such as 5%.");
        return 0.05;
    }

    private static TimeSpan Duration(string? text, string name, List<string> problems)
    {
        if (DurationText.TryParse(text, out var value))
            return value;
        problems.Add($"{name} '{text}' is not a duration (e.g. 10s, 1m).");
        return TimeSpan.Zero;
    }
}
