using System.Collections.Immutable;
using System.Globalization;
using LoadTestTui.Core.Verdicts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadTestTui.Core.Plans;

/// <summary>
/// Reads a plan file (YAML; JSON is accepted, being YAML's flow style): stages or a shape,
/// and thresholds. Every problem is listed with its line, and nothing is half-accepted: a
/// file with any problem gives no plan. The schema is in docs/formats.md.
/// </summary>
public static class PlanFileParser
{
    private static readonly string[] TopKeys = ["name", "start", "stages", "shape", "thresholds"];
    private static readonly string[] StageKeys = ["duration", "target", "chat_interval", "heartbeat_interval", "ping_interval"];
    private static readonly string[] ShapeKeys = ["name", "max_bots", "min_bots", "steps", "step_duration", "duration"];
    private static readonly string[] ThresholdKeys = ["expr", "abort", "grace"];

    public static PlanFile? Parse(string text, string? name, out IReadOnlyList<PlanProblem> problems)
    {
        var found = new List<PlanProblem>();
        problems = found;
        YamlStream stream = [];
        try
        {
            // JSON allows tabs between tokens where YAML does not; a raw tab inside a JSON string is invalid anyway.
            stream.Load(new StringReader(text.Replace('\t', ' ')));
        }
        catch (YamlException ex)
        {
            found.Add(new PlanProblem(Line(ex.Start), $"not valid YAML or JSON: {FirstLine(ex.InnerException?.Message ?? ex.Message)}"));
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            found.Add(new PlanProblem(stream.Documents.Count == 0 ? 1 : Line(stream.Documents[0].RootNode.Start), "a plan file is a mapping with 'stages' or 'shape', and optionally 'thresholds'."));
            return null;
        }
        CheckKeys(root, TopKeys, "", found);
        var start = Int(root, "start", 0, found);
        var planName = Scalar(root, "name") ?? name;
        LoadPlan? plan = null;
        var stagesNode = Child(root, "stages");
        var shapeNode = Child(root, "shape");
        if (stagesNode is not null && shapeNode is not null)
            found.Add(new PlanProblem(Line(shapeNode.Start), "give 'stages' or 'shape', not both."));
        else if (stagesNode is not null)
            plan = Stages(stagesNode, start ?? 0, planName, found);
        else if (shapeNode is not null)
            plan = Shape(shapeNode, found);
        var thresholds = Child(root, "thresholds") is { } list ? Thresholds(list, found) : [];
        if (plan is null && thresholds.Length == 0 && found.Count == 0)
            found.Add(new PlanProblem(Line(root.Start), "the file has neither 'stages', 'shape' nor 'thresholds'."));
        problems = [.. found.OrderBy(p => p.Line)];
        return found.Count > 0 ? null : new PlanFile(plan, thresholds);
    }

    /// <summary>Reads and parses a file; an unreadable file is one problem at line 0.</summary>
    public static PlanFile? Load(string path, out IReadOnlyList<PlanProblem> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems = [new PlanProblem(0, $"cannot read '{path}': {ex.Message}")];
            return null;
        }
        return Parse(text, Path.GetFileNameWithoutExtension(path), out problems);
    }

    private static LoadPlan? Stages(YamlNode node, int start, string? name, List<PlanProblem> found)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            found.Add(new PlanProblem(Line(node.Start), "'stages' must be a list of at least one {duration, target}."));
            return null;
        }
        var before = found.Count;
        var stages = new List<Stage>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var where = $"stage {i + 1}: ";
            if (list.Children[i] is not YamlMappingNode stage)
            {
                found.Add(new PlanProblem(Line(list.Children[i].Start), where + "must be a mapping with 'duration' and 'target'."));
                continue;
            }
            CheckKeys(stage, StageKeys, where, found);
            var duration = Duration(stage, "duration", null, found, where);
            var target = Int(stage, "target", null, found, where);
            var behaviour = Behaviour(stage, found, where);
            if (target is < 0 or > LoadPlan.MaxTarget)
                found.Add(new PlanProblem(Line(Child(stage, "target")!.Start), where + $"target must be 0-{LoadPlan.MaxTarget}."));
            if (duration is { } d && target is { } t)
                stages.Add(new Stage(d, t, behaviour));
        }
        if (found.Count > before)
            return null;
        var plan = new LoadPlan(stages, start, name);
        foreach (var problem in plan.Validate())
            found.Add(new PlanProblem(Line(node.Start), problem));
        return plan;
    }

    private static StageBehaviour? Behaviour(YamlMappingNode stage, List<PlanProblem> found, string where)
    {
        TimeSpan? min = null, max = null;
        if (Child(stage, "chat_interval") is YamlScalarNode chat)
        {
            var parts = chat.Value!.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.All(p => DurationText.TryParse(p, out _)))
            {
                DurationText.TryParse(parts[0], out var low);
                DurationText.TryParse(parts[^1], out var high);
                if (low <= high)
                    (min, max) = (low, high);
            }
            if (min is null)
                found.Add(new PlanProblem(Line(chat.Start), where + $"chat_interval '{chat.Value}' must be MIN-MAX (e.g. 0.5-1 or 200ms-1s), one duration, or 0 for no chat."));
        }
        var heartbeat = Duration(stage, "heartbeat_interval", TimeSpan.MinValue, found, where);
        var ping = Duration(stage, "ping_interval", TimeSpan.MinValue, found, where);
        if (min is null && heartbeat == TimeSpan.MinValue && ping == TimeSpan.MinValue)
            return null;
        return new StageBehaviour
        {
            ChatIntervalMin = min,
            ChatIntervalMax = max,
            HeartbeatInterval = heartbeat == TimeSpan.MinValue ? null : heartbeat,
            PingInterval = ping == TimeSpan.MinValue ? null : ping,
        };
    }

    private static LoadPlan? Shape(YamlNode node, List<PlanProblem> found)
    {
        if (node is not YamlMappingNode shape)
        {
            found.Add(new PlanProblem(Line(node.Start), "'shape' must be a mapping: name, max_bots, min_bots, steps, step_duration, duration."));
            return null;
        }
        var before = found.Count;
        CheckKeys(shape, ShapeKeys, "shape: ", found);
        var options = new ShapeOptions
        {
            Name = Scalar(shape, "name") ?? "",
            MaxBots = Int(shape, "max_bots", 100, found, "shape: ") ?? 100,
            MinBots = Int(shape, "min_bots", 0, found, "shape: ") ?? 0,
            Steps = Int(shape, "steps", 5, found, "shape: ") ?? 5,
            StepDuration = Duration(shape, "step_duration", TimeSpan.FromSeconds(60), found, "shape: ") ?? TimeSpan.FromSeconds(60),
            Duration = Child(shape, "duration") is null ? null : Duration(shape, "duration", null, found, "shape: "),
        };
        foreach (var problem in options.Validate())
            found.Add(new PlanProblem(Line(shape.Start), "shape: " + problem.Replace("--", "", StringComparison.Ordinal).Replace('-', '_')));
        return found.Count > before ? null : LoadShapes.Compile(options);
    }

    private static ImmutableArray<Threshold> Thresholds(YamlNode node, List<PlanProblem> found)
    {
        if (node is not YamlSequenceNode list)
        {
            found.Add(new PlanProblem(Line(node.Start), "'thresholds' must be a list of expressions or {expr, abort, grace}."));
            return [];
        }
        var thresholds = ImmutableArray.CreateBuilder<Threshold>();
        foreach (var item in list.Children)
        {
            string? text;
            var abort = false;
            var grace = TimeSpan.Zero;
            if (item is YamlScalarNode scalar)
                text = scalar.Value;
            else if (item is YamlMappingNode map)
            {
                CheckKeys(map, ThresholdKeys, "threshold: ", found);
                text = Scalar(map, "expr");
                if (text is null)
                    found.Add(new PlanProblem(Line(map.Start), "threshold: 'expr' is missing."));
                if (Scalar(map, "abort") is { } a && !bool.TryParse(a, out abort))
                    found.Add(new PlanProblem(Line(Child(map, "abort")!.Start), $"threshold: abort must be true or false (got '{a}')."));
                grace = Duration(map, "grace", TimeSpan.Zero, found, "threshold: ") ?? TimeSpan.Zero;
            }
            else
            {
                found.Add(new PlanProblem(Line(item.Start), "a threshold is an expression or {expr, abort, grace}."));
                continue;
            }
            if (text is null)
                continue;
            if (ThresholdParser.TryParse(text, out var threshold, out var problem, abort, grace))
                thresholds.Add(threshold!);
            else
                found.Add(new PlanProblem(Line(item.Start), problem!));
        }
        return thresholds.ToImmutable();
    }

    private static void CheckKeys(YamlMappingNode map, string[] allowed, string where, List<PlanProblem> found)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
                found.Add(new PlanProblem(Line(key.Start), where + $"unknown key '{name}' (allowed: {string.Join(", ", allowed)})."));
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    /// <summary>An integer value; a missing key gives <paramref name="fallback"/>, or a problem when there is none.</summary>
    private static int? Int(YamlMappingNode map, string key, int? fallback, List<PlanProblem> found, string where = "")
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (fallback is null)
                found.Add(new PlanProblem(Line(map.Start), where + $"'{key}' is missing."));
            return fallback;
        }
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        found.Add(new PlanProblem(Line(node.Start), where + $"'{key}' must be a whole number (got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}')."));
        return null;
    }

    /// <summary>A duration value (30s, 1m30s, 250ms, or seconds); a missing key gives <paramref name="fallback"/>, or a problem when there is none.</summary>
    private static TimeSpan? Duration(YamlMappingNode map, string key, TimeSpan? fallback, List<PlanProblem> found, string where)
    {
        var node = Child(map, key);
        if (node is null)
        {
            if (fallback is null)
                found.Add(new PlanProblem(Line(map.Start), where + $"'{key}' is missing."));
            return fallback;
        }
        if (node is YamlScalarNode { Value: { } text } && DurationText.TryParse(text, out var value))
            return value;
        found.Add(new PlanProblem(Line(node.Start), where + $"'{key}' must be a duration like 30s, 2m or 1h30m (got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}')."));
        return null;
    }

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
