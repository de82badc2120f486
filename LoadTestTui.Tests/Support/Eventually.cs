using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Support;

/// <summary>Bounded waits: for a condition, or for a sampler snapshot that satisfies one.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? ProtocolClient.DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {limit.TotalSeconds:0.#} s: {what}");
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>The first snapshot (latest replayed, then new ones) that satisfies the condition; fails after the timeout.</summary>
    public static async Task<MonitorSnapshot> SnapshotAsync(MonitorSampler sampler, Func<MonitorSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<MonitorSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = sampler.Snapshots.Subscribe(snapshot =>
        {
            if (condition(snapshot))
                found.TrySetResult(snapshot);
        });
        try
        {
            return await found.Task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {what}; latest: {sampler.Latest}");
            throw;
        }
    }

    /// <summary>Collects the snapshots published over <paramref name="window"/>.</summary>
    public static async Task<IReadOnlyList<MonitorSnapshot>> CollectAsync(MonitorSampler sampler, TimeSpan window)
    {
        var samples = new List<MonitorSnapshot>();
        var skipReplay = sampler.Latest;
        using (sampler.Snapshots.Subscribe(snapshot =>
        {
            lock (samples)
            {
                if (!ReferenceEquals(snapshot, skipReplay))
                    samples.Add(snapshot);
            }
        }))
        {
            await Task.Delay(window);
        }
        lock (samples)
            return samples.ToList();
    }
}
