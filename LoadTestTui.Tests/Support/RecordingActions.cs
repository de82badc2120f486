using System.Collections.Concurrent;
using LoadTestTui.Core.Export;
using LoadTestTui.Dashboard;

namespace LoadTestTui.Tests.Support;

/// <summary>An <see cref="IDashboardActions"/> that records every call; export writes a real file.</summary>
internal sealed class RecordingActions : IDashboardActions
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public List<(int Bots, TimeSpan? Duration, double Ramp)> Starts { get; } = [];

    public List<int> Scales { get; } = [];

    public List<string> Broadcasts { get; } = [];

    public List<bool> Pauses { get; } = [];

    public ConcurrentQueue<string> Exports { get; } = new();

    public int StopCalls => Calls.Count(c => c == "stop");

    public int BroadcastReturns { get; set; } = 7;

    public void Start(int bots, TimeSpan? duration, double rampPerSecond)
    {
        Calls.Enqueue("start");
        Starts.Add((bots, duration, rampPerSecond));
    }

    public async Task StopAsync()
    {
        await Task.Yield();
        Calls.Enqueue("stop");
    }

    public void ScaleBy(int delta)
    {
        Calls.Enqueue("scale");
        Scales.Add(delta);
    }

    public int Broadcast(string text)
    {
        Calls.Enqueue("broadcast");
        Broadcasts.Add(text);
        return BroadcastReturns;
    }

    public void SetChatPaused(bool paused)
    {
        Calls.Enqueue("pause");
        Pauses.Add(paused);
    }

    public async Task<IReadOnlyList<ExportResult>> ExportAsync(string jsonPath)
    {
        Calls.Enqueue("export");
        Exports.Enqueue(jsonPath);
        var result = await AtomicFile.WriteAsync(jsonPath, s => s.WriteAsync("{}"u8.ToArray()).AsTask()).ConfigureAwait(false);
        return [result];
    }
}
