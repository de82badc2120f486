using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Verdicts;

/// <summary>What a threshold is judged on: the engine's figures of a span and the monitored server's over the same span (null when not monitored).</summary>
public sealed record FigureSet(RunFigures Run, ServerFigures? Server);
