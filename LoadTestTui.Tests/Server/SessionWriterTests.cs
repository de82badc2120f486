using System.IO.Pipelines;
using LoadTestTui.Core.Server;
using LoadTestTui.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LoadTestTui.Tests.Server;

[TestClass]
public sealed class SessionWriterTests
{
    [TestMethod]
    public async Task Lingering_FramesTrickleInDuringOneTick_ArriveInOrderInTwoSends()
    {
        const int Frames = 100;
        var time = new FakeTimeProvider();
        using var ticker = new FlushTicker(ServerOptions.MaxFlushLinger, busyFlushesPerSecond: 0, time);
        var sink = new RecordingStream();
        var writer = NewWriter(sink, ticker);
        var running = writer.RunAsync();

        Assert.IsTrue(writer.TryEnqueue(Frame(0)));
        await Eventually.TrueAsync(() => sink.Length == 4, "the first frame sent at once");
        // One at a time, each once the writer holds the frames back: without lingering every frame is its own send.
        for (var i = 1; i < Frames; i++)
        {
            Assert.IsTrue(writer.TryEnqueue(Frame(i)));
            await Eventually.TrueAsync(() => writer.Lingering, $"the writer lingers with frame {i}");
        }
        Assert.AreEqual(4, sink.Length, "nothing more leaves before the tick ends");
        time.Advance(ServerOptions.MaxFlushLinger);
        await Eventually.TrueAsync(() => sink.Length == Frames * 4, "every frame sent on the tick");
        writer.Complete();
        await running;

        CollectionAssert.AreEqual(Enumerable.Range(0, Frames).ToArray(), sink.Frames());
        Assert.AreEqual(2, sink.Writes, $"the first frame at once, the other {Frames - 1} in one send on the tick");
    }

    [TestMethod]
    public async Task Lingering_QuietSession_FirstFrameSentAtOnceNextWaitsForTick()
    {
        var time = new FakeTimeProvider();
        using var ticker = new FlushTicker(ServerOptions.MaxFlushLinger, busyFlushesPerSecond: 0, time);
        var sink = new RecordingStream();
        var writer = NewWriter(sink, ticker);
        var running = writer.RunAsync();

        // The fake clock stands still: a frame that leaves did not wait for a tick.
        Assert.IsTrue(writer.TryEnqueue(Frame(1)));
        await Eventually.TrueAsync(() => sink.Length == 4, "first frame sent without a tick");

        Assert.IsTrue(writer.TryEnqueue(Frame(2)));
        await Eventually.TrueAsync(() => writer.Lingering, "the writer holds the second frame for the tick");
        Assert.AreEqual(4, sink.Length, "the second frame of a tick waits for the next tick");
        time.Advance(ServerOptions.MaxFlushLinger);
        await Eventually.TrueAsync(() => sink.Length == 8, "second frame sent on the tick");
        writer.Complete();
        await running;
        CollectionAssert.AreEqual(new[] { 1, 2 }, sink.Frames());
    }

    [TestMethod]
    public async Task Lingering_QueueHalfFull_SendsWithoutWaitingForTick()
    {
        var time = new FakeTimeProvider();
        using var ticker = new FlushTicker(ServerOptions.MaxFlushLinger, busyFlushesPerSecond: 0, time);
        var sink = new RecordingStream();
        var writer = NewWriter(sink, ticker, maxFrames: 8);
        var running = writer.RunAsync();
        Assert.IsTrue(writer.TryEnqueue(Frame(0)));
        await Eventually.TrueAsync(() => sink.Length == 4, "first frame sent");

        Assert.IsTrue(writer.TryEnqueue(Frame(1)));
        await Eventually.TrueAsync(() => writer.Lingering, "the writer lingers on the first of them");
        for (var i = 2; i <= 4; i++)
            Assert.IsTrue(writer.TryEnqueue(Frame(i)));

        // The clock never moves: only the half-full queue can end the wait.
        await Eventually.TrueAsync(() => sink.Length == 5 * 4, "half a queue sent without a tick");
        writer.Complete();
        await running;
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4 }, sink.Frames());
    }

    [TestMethod]
    public async Task Lingering_ServerNotBusy_NoFrameWaitsForTick()
    {
        var time = new FakeTimeProvider();
        using var ticker = new FlushTicker(ServerOptions.MaxFlushLinger, FlushTicker.BusyFlushesPerSecond, time);
        var sink = new RecordingStream();
        var writer = NewWriter(sink, ticker);
        var running = writer.RunAsync();

        Assert.IsFalse(ticker.Busy);
        for (var i = 1; i <= 3; i++)
        {
            Assert.IsTrue(writer.TryEnqueue(Frame(i)));
            // The fake clock stands still, so no tick ever ends: each frame leaves on its own.
            await Eventually.TrueAsync(() => sink.Length == i * 4, $"frame {i} sent without a tick (an echo then a pong leave at once)");
        }

        writer.Complete();
        await running;
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, sink.Frames());
    }

    [TestMethod]
    public async Task Ticker_Disposed_ReleasesWaitersAndLaterWaitsEndAtOnce()
    {
        var ticker = new FlushTicker(ServerOptions.MaxFlushLinger, busyFlushesPerSecond: 0);
        var waiting = ticker.Current.Ended;

        ticker.Dispose();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync(() => ticker.Current.Ended.IsCompleted, "later ticks are over");
    }

    [TestMethod]
    public async Task Ticker_Ticks_GenerationAdvances()
    {
        var time = new FakeTimeProvider();
        using var ticker = new FlushTicker(TimeSpan.FromMilliseconds(10), FlushTicker.BusyFlushesPerSecond, time);
        var first = ticker.Current;

        time.Advance(TimeSpan.FromMilliseconds(10));
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.IsGreaterThan(first.Generation, ticker.Current.Generation);
    }

    [TestMethod]
    public async Task Ticker_WholeTickWithoutSend_SleepsUntilSendsAddUp()
    {
        var period = TimeSpan.FromMilliseconds(10);
        var time = new FakeTimeProvider();
        using var ticker = new FlushTicker(period, FlushTicker.BusyFlushesPerSecond, time);
        time.Advance(period);
        await Eventually.TrueAsync(() => ticker.Sleeping, "an idle ticker sleeps");
        var asleep = ticker.Current;

        time.Advance(period * 10);
        Assert.AreSame(asleep, ticker.Current, "no tick while asleep");
        Assert.IsFalse(asleep.Ended.IsCompleted);

        Assert.AreEqual(50, ticker.WakeAfterFlushes, "a busy tick's worth: 5,000 sends a second over 10 ms");
        for (var sends = 1; sends < ticker.WakeAfterFlushes; sends++)
            ticker.CountFlush(asleep);
        time.Advance(period * 10);
        Assert.IsTrue(ticker.Sleeping, "a quiet server's few answers leave it asleep");
        Assert.AreSame(asleep, ticker.Current);

        ticker.CountFlush(asleep);
        Assert.IsFalse(ticker.Sleeping, "enough sends to matter wake it at once");
        await asleep.Ended.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.IsGreaterThan(asleep.Generation, ticker.Current.Generation);
    }

    [TestMethod]
    [DataRow(0, 10, 10)]
    [DataRow(100, 10, 10)]
    [DataRow(400, 10, 20)]
    [DataRow(2_000, 10, 100)]
    [DataRow(19_000, 10, 950)]
    [DataRow(40_000, 10, 1000)]
    [DataRow(40_000, 2000, 2000)]
    public void PeriodFor_FlushesInLastTick_StretchesLingerWithinBounds(int flushes, int lingerMs, int expectedMs)
    {
        Assert.AreEqual(TimeSpan.FromMilliseconds(expectedMs), FlushTicker.PeriodFor(flushes, TimeSpan.FromMilliseconds(lingerMs)));
    }

    private static SessionWriter NewWriter(Stream sink, FlushTicker ticker, int maxFrames = 1024) =>
        new(PipeWriter.Create(sink, new StreamPipeWriterOptions(leaveOpen: true)), new ServerCounters(), maxFrames, 1 << 20, ticker);

    private static byte[] Frame(int value) => BitConverter.GetBytes(value);

    /// <summary>Records every write: how many sends the writer made and the bytes in order.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly Lock _gate = new();
        private readonly MemoryStream _bytes = new();
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public override long Length
        {
            get
            {
                lock (_gate)
                    return _bytes.Length;
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Position { get => Length; set => throw new NotSupportedException(); }

        public int[] Frames()
        {
            lock (_gate)
            {
                var all = _bytes.ToArray();
                return Enumerable.Range(0, all.Length / 4).Select(i => BitConverter.ToInt32(all, i * 4)).ToArray();
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            lock (_gate)
                _bytes.Write(buffer);
            Interlocked.Increment(ref _writes);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
