using LoadTestTui.Core.Export;

namespace LoadTestTui.Dashboard;

/// <summary>
/// What the dashboard can ask for. Production wraps the engine and the exporters; tests
/// record the calls. The dashboard calls the synchronous members on the UI thread (they
/// must not block) and awaits the asynchronous ones off the UI thread.
/// </summary>
public interface IDashboardActions
{
    /// <summary>Starts a run of <paramref name="bots"/> bots; a null duration runs until stopped.</summary>
    void Start(int bots, TimeSpan? duration, double rampPerSecond);

    /// <summary>Stops the run gracefully.</summary>
    Task StopAsync();

    /// <summary>Grows or shrinks the running set by <paramref name="delta"/> bots (+10/-10/+100/-100).</summary>
    void ScaleBy(int delta);

    /// <summary>Every online bot sends <paramref name="text"/> now. Returns how many bots sent it.</summary>
    int Broadcast(string text);

    void SetChatPaused(bool paused);

    /// <summary>Writes the JSON report to <paramref name="jsonPath"/> and the CSVs beside it.</summary>
    Task<IReadOnlyList<ExportResult>> ExportAsync(string jsonPath);
}
