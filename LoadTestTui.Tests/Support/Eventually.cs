namespace LoadTestTui.Tests.Support;

/// <summary>Bounded polling for state that settles asynchronously (server counters, for one).</summary>
public static class Eventually
{
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
}
