using System.Diagnostics;
using System.Globalization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// <c>loadtest bench --phase storm</c>: a join storm as a user would start it. Many bots with the
/// default bot options (default timeouts, backoff and pings; no chat, so the figures are the
/// joins', not the fan-out's) against a fresh reference server, once at a steep ramp and once at
/// the default ramp. Reports time to all online, whether online ever fell back (decay), peak
/// resident memory per bot, the effective ramp over time, registration latency and errors by class.
/// </summary>
internal sealed class BenchStormPhase(Func<Task<BenchCommand.BenchServer>> startServer, CancellationToken cancellationToken)
{
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Report = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>What each error class means in a storm the server survives: the server caused it, the tool did not.</summary>
    private static readonly Dictionary<ErrorKind, string> Causes = new()
    {
        [ErrorKind.ConnectTimeout] = "the server's accept queue was full or it accepted too slowly (SYN not answered within the connect timeout)",
        [ErrorKind.ConnectRefused] = "the server refused the connection (not listening, or its accept queue overflowed with resets)",
        [ErrorKind.ConnectionReset] = "the server reset the connection (session limit, or a socket it dropped under load)",
        [ErrorKind.ClosedByServer] = "the server closed the connection (session limit reached, or it shed load)",
        [ErrorKind.ResponseTimeout] = "the server said nothing at all for the response timeout (a stalled session)",
        [ErrorKind.SendFailed] = "a send failed: the server had already closed or reset the connection",
        [ErrorKind.ProtocolError] = "the server sent a malformed frame",
        [ErrorKind.UnexpectedPacket] = "the server sent a packet the bots do not expect",
        [ErrorKind.Unreachable] = "the host could not be resolved or reached",
    };

    public async Task RunAsync(int bots, IReadOnlyList<double> ramps, TimeSpan limit)
    {
        foreach (var ramp in ramps)
        {
            if (cancellationToken.IsCancellationRequested)
                return;
            await StormAsync(bots, ramp, limit).ConfigureAwait(false);
        }
    }

    private async Task StormAsync(int count, double ramp, TimeSpan limit)
    {
        await using var server = await startServer().ConfigureAwait(false);
        var options = BotOptions.Default with { Host = server.Host, Port = server.Port, ChatIntervalMin = TimeSpan.Zero, ChatIntervalMax = TimeSpan.Zero };
        var tag = ramp.ToString("0.#", CultureInfo.InvariantCulture);
        Console.WriteLine($"[storm {tag}/s] {count} bots, default timeouts (connect {options.ConnectTimeout.TotalSeconds:0} s, response {options.ResponseTimeout.TotalSeconds:0} s), no chat, --ramp {tag}, against {server.Describe}");
        ProcessStats.SettledManagedBytes();
        var residentBefore = ProcessStats.ResidentBytes;
        var engine = new BotEngine(options, EngineOptions.Default with { RampPerSecond = ramp, Tick = TimeSpan.FromMilliseconds(250), StopTimeout = TimeSpan.FromSeconds(10) });
        try
        {
            var clock = Stopwatch.StartNew();
            engine.Start(count);
            var watch = new StormWatch(residentBefore);
            TimeSpan? allOnline = null;
            var nextReport = Report;
            // Until all are online, then as long again as it took to settle (at most Settle): decay would show there.
            while (clock.Elapsed < limit && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Sample, CancellationToken.None).ConfigureAwait(false);
                var s = engine.Latest;
                watch.Observe(s);
                if (allOnline is null && s.States.Online >= count)
                    allOnline = clock.Elapsed;
                if (clock.Elapsed >= nextReport)
                {
                    nextReport += Report;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"        {clock.Elapsed.TotalSeconds,4:0} s: online {s.States.Online,6}, ramp {s.EffectiveRampPerSecond,6:0}/s, handshakes {s.HandshakesInFlight}/{s.HandshakeWindow}, registration p99 {(s.RegistrationInterval.Count > 0 ? s.RegistrationInterval.P99Ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-")}, errors {s.ErrorCount}, resident {ProcessStats.ResidentBytes / 1048576.0:0} MB{(s.RampLimit.Length > 0 ? $" ({s.RampLimit})" : "")}"));
                }
                if (allOnline is { } at && clock.Elapsed >= at + Settle)
                    break;
            }
            var final = engine.SnapshotNow();
            Console.WriteLine(allOnline is { } done
                ? $"[storm {tag}/s] all {count} online after {done.TotalSeconds:0.0} s; online {final.States.Online} {Settle.TotalSeconds:0} s later"
                : $"[storm {tag}/s] NOT all online: {final.States.Online}/{count} after {clock.Elapsed.TotalSeconds:0} s (peak {final.PeakOnline})");
            Console.WriteLine($"[storm {tag}/s] decay: online fell at most {watch.WorstDrop} below its running peak{(watch.WorstDrop == 0 ? " (none)" : "")}");
            var started = Math.Max(1, final.TotalBots);
            Console.WriteLine($"[storm {tag}/s] peak resident {watch.PeakResident / 1048576.0:0} MB: {(watch.PeakResident - residentBefore) / 1024.0 / started:0.0} KB per bot started ({started}) over the {residentBefore / 1048576.0:0} MB before the storm");
            Console.WriteLine($"[storm {tag}/s] effective ramp per 10 s: {watch.RampOverTime()}");
            var r = final.Registration;
            Console.WriteLine($"[storm {tag}/s] registration latency ({r.Count} registrations): p50 {r.P50Ms:0} ms, p90 {r.P90Ms:0} ms, p99 {r.P99Ms:0} ms, max {r.MaxMs:0} ms; connect time p99 {final.ConnectTime.P99Ms:0.0} ms, max {final.ConnectTime.MaxMs:0} ms");
            Console.WriteLine($"[storm {tag}/s] handshake window: peak {final.PeakHandshakeWindow}, peak in flight {final.PeakHandshakesInFlight}; connects {final.Connects}, reconnects {final.Reconnects}");
            Console.WriteLine($"[storm {tag}/s] errors: {final.ErrorCount}");
            foreach (var (kind, n) in final.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value))
                Console.WriteLine($"        {kind.Name()} {n}: {Causes.GetValueOrDefault(kind, "")}");
        }
        finally
        {
            var stopping = Stopwatch.StartNew();
            await engine.DisposeAsync().ConfigureAwait(false);
            Console.WriteLine($"[storm {tag}/s] stopped in {stopping.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>What the storm looked like from outside, sampled every quarter second.</summary>
    private sealed class StormWatch(long residentBefore)
    {
        private readonly List<double> _rampEvery10s = [];
        private int _peakOnline;
        private long _startedAtLastBucket;
        private TimeSpan _nextBucket = TimeSpan.FromSeconds(10);

        public long PeakResident { get; private set; } = residentBefore;

        public int WorstDrop { get; private set; }

        public void Observe(EngineSnapshot s)
        {
            _peakOnline = Math.Max(_peakOnline, s.States.Online);
            WorstDrop = Math.Max(WorstDrop, _peakOnline - s.States.Online);
            PeakResident = Math.Max(PeakResident, ProcessStats.ResidentBytes);
            if (s.Elapsed < _nextBucket)
                return;
            _nextBucket += TimeSpan.FromSeconds(10);
            // Bots started by the ramp: online + joining + reconnecting, i.e. everything assigned.
            var started = (long)s.TotalBots;
            _rampEvery10s.Add((started - _startedAtLastBucket) / 10.0);
            _startedAtLastBucket = started;
        }

        public string RampOverTime() => _rampEvery10s.Count == 0
            ? "-"
            : string.Join(" ", _rampEvery10s.Select(r => r.ToString("0", CultureInfo.InvariantCulture))) + " bots/s";
    }
}
