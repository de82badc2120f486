namespace LoadTestTui.Tests.Support;

/// <summary>Bounded waiting: every wait in the tests ends, with a message saying what never happened.</summary>
internal static class Wait
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) => Eventually.TrueAsync(condition, what, timeout);

    public static async Task<T> ForAsync<T>(Task<T> task, TimeSpan timeout, string what)
    {
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
            throw;
        }
    }

    public static async Task ForAsync(Task task, TimeSpan timeout, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
        }
    }
}
