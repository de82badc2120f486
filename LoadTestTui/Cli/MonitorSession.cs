using LoadTestTui.Core.Export;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Cli;

/// <summary>A server monitor running beside a load test: the sampler, and a recorder of its samples for the exports.</summary>
internal sealed class MonitorSession : IAsyncDisposable
{
    private MonitorSession(MonitorOptions options)
    {
        Sampler = new MonitorSampler(options);
        Recorder = new MonitorRecorder(Sampler);
        Sampler.Start();
    }

    public MonitorSampler Sampler { get; }

    public MonitorRecorder Recorder { get; }

    /// <summary>Starts sampling when the run names a server to monitor; null otherwise.</summary>
    public static MonitorSession? StartIfRequested(MonitorOptions? options) => options is null ? null : new MonitorSession(options);

    public async ValueTask DisposeAsync()
    {
        await Sampler.DisposeAsync().ConfigureAwait(false);
        Recorder.Dispose();
    }
}
