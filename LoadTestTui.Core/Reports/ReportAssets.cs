using System.Reflection;

namespace LoadTestTui.Core.Reports;

/// <summary>
/// The files bundled into every report, read from this assembly's embedded resources
/// (<c>Reports/Assets</c>; see the README there for where uPlot comes from and how to update it).
/// </summary>
public static class ReportAssets
{
    public const string UPlotVersion = "1.6.32";

    public static string UPlotScript { get; } = Read("uPlot.iife.min.js");
    public static string UPlotStyle { get; } = Read("uPlot.min.css");
    public static string Script { get; } = Read("report.js");
    public static string Style { get; } = Read("report.css");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LoadTestTui.Core.Reports.Assets.{name}")
            ?? throw new InvalidOperationException($"embedded report asset '{name}' is missing from the build");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        // An asset is pasted into a <script> or <style> element: a closing tag inside would end it early.
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase) || text.Contains("</style", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"report asset '{name}' contains a closing tag and cannot be inlined");
        return text;
    }
}
