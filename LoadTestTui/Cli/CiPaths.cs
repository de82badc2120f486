namespace LoadTestTui.Cli;

/// <summary>Where <c>--junit</c> and <c>--summary-md</c> go (null: not asked for).</summary>
internal sealed record CiPaths(string? Junit, string? Markdown);
