namespace LoadTestTui.Core.Verdicts;

/// <summary>One figure a threshold may name: its name, unit, meaning, and how to read it (null = no data).</summary>
public sealed record MetricDefinition(string Name, MetricUnit Unit, string Description, Func<FigureSet, double?> Read);
