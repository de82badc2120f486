using System.Collections.Immutable;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// The last <see cref="Capacity"/> ticks of a run: each tick's interval histograms and the
/// run's counters as of that tick. A window's figures merge exactly the histograms of the
/// ticks inside it and subtract the counters at its start from those at its end, so a
/// threshold "over 30 s" and a capacity step see that window's samples and nothing else.
/// Written and read by the engine under its lock.
/// </summary>
internal sealed class WindowRing(int capacity)
{
    private readonly Sample[] _samples = new Sample[capacity];
    private int _next;
    private int _count;
    private bool _wrapped;

    public int Capacity => _samples.Length;

    /// <summary>The mean of <paramref name="ticks"/> ratios summed in <see cref="RatioScale"/> units; null for no ticks.</summary>
    public static double? MeanRatio(long sum, long ticks) => ticks > 0 ? (double)sum / ticks / RatioScale : null;

    /// <summary>Online ratios are summed in billionths so a window's difference of sums is exact: a run wholly online reads 1, not 1.0000000000000002.</summary>
    public const long RatioScale = 1_000_000_000;

    /// <summary>Counters of a run as of one tick (cumulative since the run started).</summary>
    internal sealed record Totals(
        long Sent, long Received, long Pings, long Connects, long Errors, ImmutableArray<long> ErrorsByKind,
        long Expected, long DeliveryReceived, long Lost, long Duplicated, long OutOfOrder,
        long OnlineRatioSum, long OnlineRatioTicks, int Online, int Target)
    {
        public static Totals Zero { get; } = new(0, 0, 0, 0, 0, [.. new long[ErrorKinds.All.Count]], 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    internal sealed record Sample(TimeSpan Elapsed, HistogramSlice Chat, HistogramSlice Ping, HistogramSlice FanOut, Totals Totals)
    {
        public HistogramSlice Registration { get; init; } = HistogramSlice.Empty;
        public HistogramSlice Connect { get; init; } = HistogramSlice.Empty;
    }

    public void Add(Sample sample)
    {
        _samples[_next] = sample;
        _next = (_next + 1) % _samples.Length;
        if (_count < _samples.Length)
            _count++;
        else
            _wrapped = true;
    }

    /// <summary>
    /// Figures of the ticks after <paramref name="from"/> (run time). A window older than the
    /// ring starts at the oldest tick kept.
    /// </summary>
    public RunFigures Since(TimeSpan from)
    {
        if (_count == 0)
            return RunFigures.Empty;
        var baseline = _wrapped ? null : new Sample(TimeSpan.Zero, HistogramSlice.Empty, HistogramSlice.Empty, HistogramSlice.Empty, Totals.Zero);
        var chat = LatencyRecorder.NewHistogram();
        var ping = LatencyRecorder.NewHistogram();
        var fan = LatencyRecorder.NewHistogram();
        var registration = LatencyRecorder.NewHistogram();
        var connect = LatencyRecorder.NewHistogram();
        Sample? last = null;
        for (var i = 0; i < _count; i++)
        {
            var sample = _samples[(_next - _count + i + _samples.Length) % _samples.Length];
            if (sample.Elapsed <= from)
            {
                baseline = sample;
                continue;
            }
            baseline ??= sample; // the window reaches past the ring: start at the oldest tick kept
            if (ReferenceEquals(baseline, sample))
                continue;
            sample.Chat.AddTo(chat);
            sample.Ping.AddTo(ping);
            sample.FanOut.AddTo(fan);
            sample.Registration.AddTo(registration);
            sample.Connect.AddTo(connect);
            last = sample;
        }
        if (last is null || baseline is null)
            return RunFigures.Empty;
        var (a, b) = (baseline.Totals, last.Totals);
        var ratioTicks = b.OnlineRatioTicks - a.OnlineRatioTicks;
        return new RunFigures
        {
            Span = last.Elapsed - baseline.Elapsed,
            ChatRtt = LatencyRecorder.Summarize(chat),
            PingRtt = LatencyRecorder.Summarize(ping),
            FanOut = LatencyRecorder.Summarize(fan),
            Registration = LatencyRecorder.Summarize(registration),
            ConnectTime = LatencyRecorder.Summarize(connect),
            MessagesSent = b.Sent - a.Sent,
            MessagesReceived = b.Received - a.Received,
            PingsSent = b.Pings - a.Pings,
            Connects = b.Connects - a.Connects,
            Errors = b.Errors - a.Errors,
            ErrorsByKind = ErrorKinds.All.ToImmutableDictionary(k => k, k => b.ErrorsByKind[(int)k] - a.ErrorsByKind[(int)k]),
            DeliveryExpected = b.Expected - a.Expected,
            DeliveryReceived = b.DeliveryReceived - a.DeliveryReceived,
            Lost = Math.Max(0, b.Lost - a.Lost),
            Duplicated = b.Duplicated - a.Duplicated,
            OutOfOrder = b.OutOfOrder - a.OutOfOrder,
            OnlineRatio = MeanRatio(b.OnlineRatioSum - a.OnlineRatioSum, ratioTicks),
            Online = b.Online,
            Target = b.Target,
        };
    }
}
