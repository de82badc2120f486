using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Dashboard;

/// <summary>Everything an export writes for a run: the bots' report and CSVs, plus the monitor's samples when one runs.</summary>
internal sealed class RunArtifacts(BotOptions options)
{
    public Task<IReadOnlyList<ExportResult>> WriteBesideAsync(string jsonPath, EngineSnapshot snapshot) =>
        RunExporter.WriteAllBesideAsync(jsonPath, snapshot, options);
}
