using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Core.Export;

/// <summary>
/// Keeps every sample a monitor publishes, for the JSON document and the CSV. A subscriber
/// like any other; bounded (at one sample a second, the default cap is more than a day).
/// </summary>
public sealed class MonitorRecorder : IDisposable
{
    private readonly List<MonitorSnapshot> _samples = [];
    private readonly IDisposable _subscription;
    private readonly int _capacity;
    private long _dropped;

    public MonitorRecorder(MonitorSampler sampler, int capacity = 100_000)
    {
        Options = sampler.Options;
        _capacity = capacity;
        _subscription = sampler.Snapshots.Subscribe(Add);
    }

    public MonitorOptions Options { get; }

    /// <summary>Samples past the cap, not kept.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public IReadOnlyList<MonitorSnapshot> Samples
    {
        get
        {
            lock (_samples)
                return [.. _samples];
        }
    }

    /// <summary>
    /// The monitor document. With a run's start as <paramref name="origin"/>, elapsed times share the
    /// run's clock and only samples within the run (one interval of slack each side, up to <paramref name="end"/>) are kept.
    /// </summary>
    public MonitorDocument Document(DateTimeOffset? origin = null, DateTimeOffset? end = null)
    {
        var samples = Samples;
        if (origin is { } from)
        {
            var slack = Options.Interval;
            samples = [.. samples.Where(s => s.Timestamp >= from - slack && (end is not { } to || s.Timestamp <= to + slack))];
        }
        return MonitorJsonExport.CreateDocument(Options, samples, origin);
    }

    public void Dispose() => _subscription.Dispose();

    private void Add(MonitorSnapshot snapshot)
    {
        lock (_samples)
        {
            // The feed replays its latest sample to a new subscriber: keep each sample once.
            if (_samples.Count > 0 && ReferenceEquals(_samples[^1], snapshot))
                return;
            if (_samples.Count >= _capacity)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
            _samples.Add(snapshot);
        }
    }
}
