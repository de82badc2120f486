using System.Diagnostics;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Loops;

namespace LoadTestTui.Tests.Loops;

/// <summary>The bots' one awaitable, on real loops of both backends: due times, pokes, and which thread resumes.</summary>
[TestClass]
[DoNotParallelize] // 200 sleepers due within 100 ms must be armed before the first is due
public sealed class LoopTimerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static IEnumerable<object[]> Backends => [[LoopBackend.Epoll], [LoopBackend.Portable]];

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task Sleep_UntilDue_ResumesOnTheLoopNotBeforeDue(LoopBackend backend)
    {
        using var loops = new EventLoops(backend, 1);
        var timer = new LoopTimer(loops.For(0));
        var due = 0L;
        var woke = 0L;
        var onLoop = false;

        await RunOnLoopAsync(timer, async () =>
        {
            due = MonoClock.Now + Stopwatch.Frequency / 20; // 50 ms
            await timer.Sleep(due);
            woke = MonoClock.Now;
            onLoop = timer.Loop.IsCurrent;
        });

        Assert.IsTrue(woke >= due, "woke before its due time");
        Assert.IsTrue(onLoop, "resumed off the loop thread");
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task Poke_FromAnotherThread_EndsALongSleepOnTheLoop(LoopBackend backend)
    {
        using var loops = new EventLoops(backend, 1);
        var timer = new LoopTimer(loops.For(0));
        var sleeping = new TaskCompletionSource();
        var onLoop = false;
        var clock = Stopwatch.StartNew();

        var run = RunOnLoopAsync(timer, async () =>
        {
            var sleep = timer.Sleep(MonoClock.Now + 3600 * Stopwatch.Frequency);
            sleeping.SetResult();
            await sleep;
            onLoop = timer.Loop.IsCurrent;
        });
        await sleeping.Task.WaitAsync(Patience);
        timer.Poke();
        await run;

        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(5), $"the poke took {clock.Elapsed}");
        Assert.IsTrue(onLoop, "resumed off the loop thread");
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task Poke_BeforeTheSleep_MakesTheNextSleepReturnAtOnceOnly(LoopBackend backend)
    {
        using var loops = new EventLoops(backend, 1);
        var timer = new LoopTimer(loops.For(0));
        var first = false;
        var second = false;

        await RunOnLoopAsync(timer, async () =>
        {
            timer.Poke(); // on the loop: counted, not run inline
            var never = long.MaxValue;
            first = timer.Sleep(never).IsCompleted;
            var sleep = timer.Sleep(MonoClock.Now + Stopwatch.Frequency / 50);
            second = sleep.IsCompleted;
            await sleep;
        });

        Assert.IsTrue(first, "a poke before the sleep must end it at once");
        Assert.IsFalse(second, "one poke ends one sleep");
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public async Task Sleep_ManySleepersDueTogether_AllWakeInOrderOfDueTime(LoopBackend backend)
    {
        using var loops = new EventLoops(backend, 1);
        var loop = loops.For(0);
        var woken = new List<int>();
        var start = MonoClock.Now + Stopwatch.Frequency / 10;
        var sleepers = new List<Task>();
        for (var i = 0; i < 200; i++)
        {
            var timer = new LoopTimer(loop);
            var order = 199 - i; // armed in reverse order of due time
            sleepers.Add(RunOnLoopAsync(timer, async () =>
            {
                await timer.Sleep(start + order * Stopwatch.Frequency / 10_000);
                woken.Add(order);
            }));
        }
        await Task.WhenAll(sleepers).WaitAsync(Patience);

        CollectionAssert.AreEqual(Enumerable.Range(0, 200).ToList(), woken);
    }

    [TestMethod]
    [DynamicData(nameof(Backends))]
    public void Post_AfterTheLoopEnded_IsDroppedQuietly(LoopBackend backend)
    {
        var loops = new EventLoops(backend, 1);
        var timer = new LoopTimer(loops.For(0));
        loops.Dispose();

        timer.Poke(); // a late poke from the engine: must not touch the loop's closed wake-up handle
        loops.For(0).Post(_ => Assert.Fail("ran on an ended loop"), null);

        Assert.AreEqual(0L, loops.For(0).Faults);
    }

    [TestMethod]
    [DataRow(0L, 0)]
    [DataRow(1L, 1)]
    public void WaitMs_RoundsUpSoATimerNeverFiresEarly(long ticks, int expected) =>
        Assert.AreEqual(expected, EventLoop.WaitMs(Math.Max(0, ticks)));

    [TestMethod]
    public void WaitMs_OneAndAHalfMilliseconds_WaitsTwo_AndAnHourWaitsAMinuteAtMost()
    {
        Assert.AreEqual(2, EventLoop.WaitMs(Stopwatch.Frequency * 3 / 2000));
        Assert.AreEqual(60_000, EventLoop.WaitMs(Stopwatch.Frequency * 3600));
    }

    /// <summary>Runs <paramref name="body"/> on the timer's loop (as a bot does) and completes when it has.</summary>
    internal static Task RunOnLoopAsync(LoopTimer timer, Func<Task> body)
    {
        async Task Run()
        {
            await timer.SwitchToLoop();
            await body();
        }
        return Run().WaitAsync(Patience);
    }
}
