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
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.AreSame(run, finished, "RunAsync hung without a terminal");
        Assert.AreEqual(2, await run);
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
