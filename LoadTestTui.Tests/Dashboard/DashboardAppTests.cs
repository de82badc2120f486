using LoadTestTui.Core.Engine;
using LoadTestTui.Dashboard;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
[DoNotParallelize]
public sealed class DashboardAppTests
{
    [TestMethod]
    public async Task RunAsync_NoInteractiveTerminal_Returns2WithoutHanging()
    {
        if (TerminalGuard.Check() is null)
            Assert.Inconclusive("this test host has a real terminal");
        var run = DashboardApp.RunAsync(DashboardSettings.Default, new RecordingActions(), new NoFeed(), null, CancellationToken.None);
        Assert.AreEqual(2, await Wait.ForAsync(run, TimeSpan.FromSeconds(10), "RunAsync to return without a terminal (not hang)"));
    }

    private sealed class NoFeed : IObservable<EngineSnapshot>
    {
        public IDisposable Subscribe(IObserver<EngineSnapshot> observer) => new Nothing();

        private sealed class Nothing : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
