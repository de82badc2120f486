using LoadTestTui.Core.Bots;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [TestMethod]
    [DataRow(1, 0.5, 500.0)]
    [DataRow(2, 0.5, 1000.0)]
    [DataRow(3, 0.5, 2000.0)]
    [DataRow(7, 0.5, 30000.0)]
    [DataRow(1000, 0.5, 30000.0)]
    [DataRow(1, 0.0, 250.0)]
    [DataRow(1, 1.0, 750.0)]
    [DataRow(7, 1.0, 45000.0)]
    public void Delay_Table(int attempt, double jitter, double expectedMs) =>
        Assert.AreEqual(expectedMs, Backoff.Delay(attempt, Base, Max, jitter).TotalMilliseconds, 1e-6);
}
