using System.Collections.Immutable;
using System.CommandLine;
using LoadTestTui.Core.Plans;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Cli;

/// <summary>
/// The load plan and thresholds of <c>run</c>, <c>dashboard</c> and <c>demo</c>: a plan file,
/// repeatable <c>--stage</c>, or a named <c>--shape</c> with its parameters, and repeatable
/// <c>--threshold</c>. <see cref="Bind"/> lists every problem at once.
/// </summary>
internal sealed class PlanOptions
{
    public Option<FileInfo?> Plan { get; } = new("--plan") { Description = "Load plan file (YAML or JSON): stages or a shape, and thresholds. See docs/formats.md." };
    public Option<string[]> Stages { get; } = new("--stage") { Description = "A stage DURATION:TARGET, e.g. 30s:100 (repeatable; the target moves linearly from the previous one)." };
    public Option<string?> Shape { get; } = new("--shape") { Description = $"A named load shape: {string.Join(", ", LoadShapes.Names)}." };
    public Option<int?> MaxBots { get; } = new("--max-bots") { Description = "Shape: the peak bots (default: --bots)." };
    public Option<int> MinBots { get; } = new("--min-bots") { Description = "Shape: the bots it starts from (and spikes from).", DefaultValueFactory = _ => 0 };
    public Option<int> Steps { get; } = new("--steps") { Description = "Shape: how many steps (step, exponential, stress).", DefaultValueFactory = _ => 5 };
    public Option<string> StepDuration { get; } = new("--step-duration") { Description = "Shape: how long each step lasts (e.g. 60s).", DefaultValueFactory = _ => "60s" };
    public Option<string[]> Thresholds { get; } = new("--threshold") { Description = "Pass/fail rule, e.g. 'echo.p99 < 200ms' or 'online.ratio >= 99% over 30s' (repeatable); a failure exits with 3." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Plan, Stages, Shape, MaxBots, MinBots, Steps, StepDuration, Thresholds })
            command.Options.Add(option);
    }

    /// <summary>What the options chose: a plan (null: the plain --bots run) and the thresholds from the file and the command line.</summary>
    public sealed record Choice(LoadPlan? Plan, ImmutableArray<Threshold> Thresholds);

    public Choice Bind(ParseResult parse, RunOptions run, RunOptions.Bound? bound, List<string> problems)
    {
        LoadPlan? plan = null;
        var thresholds = ImmutableArray.CreateBuilder<Threshold>();
        var sources = 0;
        if (parse.GetValue(Plan) is { } file)
        {
            var parsed = PlanFileParser.Load(file.FullName, out var fileProblems);
            problems.AddRange(fileProblems.Select(p => p.Line > 0 ? $"--plan {file.Name}:{p.Line}: {p.Message}" : $"--plan: {p.Message}"));
            if (parsed?.Plan is { } filePlan)
            {
                plan = filePlan;
                sources++;
            }
            thresholds.AddRange(parsed?.Thresholds ?? []);
        }
        if (parse.GetValue(Stages) is { Length: > 0 } stageTexts)
        {
            sources++;
            var stages = new List<Stage>();
            foreach (var text in stageTexts)
            {
                if (StageText.TryParse(text, out var stage, out var problem))
                    stages.Add(stage);
                else
                    problems.Add(problem!);
            }
            plan = new LoadPlan(stages);
            problems.AddRange(plan.Validate().Select(p => "--stage: " + p));
        }
        if (parse.GetValue(Shape) is { } shapeName)
        {
            sources++;
            plan = BindShape(parse, run, bound, shapeName, problems);
        }
        if (sources > 1)
            problems.Add("--plan (with stages or a shape), --stage and --shape are alternatives: give one.");
        foreach (var text in parse.GetValue(Thresholds) ?? [])
        {
            if (ThresholdParser.TryParse(text, out var threshold, out var problem))
                thresholds.Add(threshold!);
            else
                problems.Add($"--threshold: {problem}");
        }
        if (bound is { Monitor: null } && thresholds.Any(t => t.Metric.Name.StartsWith("server.", StringComparison.Ordinal)))
            problems.Add("server.* thresholds need a monitored server: add --monitor-process, --monitor-pid or --monitor-port.");
        return new Choice(plan, thresholds.ToImmutable());
    }

    private LoadPlan? BindShape(ParseResult parse, RunOptions run, RunOptions.Bound? bound, string name, List<string> problems)
    {
        if (!DurationText.TryParse(parse.GetValue(StepDuration), out var step))
        {
            problems.Add($"--step-duration '{parse.GetValue(StepDuration)}' is not a duration (e.g. 60s).");
            return null;
        }
        var shape = new ShapeOptions
        {
            Name = name,
            MaxBots = parse.GetValue(MaxBots) ?? bound?.BotCount ?? 0,
            MinBots = parse.GetValue(MinBots),
            Steps = parse.GetValue(Steps),
            StepDuration = step,
            // An explicit --duration is the shape's total time; the default is steps x step duration.
            Duration = parse.GetResult(run.Duration) is { Implicit: false } ? bound?.Duration : null,
        };
        var shapeProblems = shape.Validate();
        problems.AddRange(shapeProblems);
        return shapeProblems.Count == 0 ? LoadShapes.Compile(shape) : null;
    }
}
