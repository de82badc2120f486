using System.CommandLine;
using System.Globalization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Cli;

/// <summary><c>bench --phase rtt</c>: the round-trip floor: one bot chatting and pinging every 50 ms against the reference server.</summary>
internal static partial class BenchCommand
{
    private static readonly Option<double> RttSeconds = new("--rtt-seconds") { Description = "How long phase rtt measures.", DefaultValueFactory = _ => 20 };

    private sealed partial class Bench
    {
        public async Task RttAsync(TimeSpan measureFor)
        {
            await using var server = await ServerAsync().ConfigureAwait(false);
            var every = TimeSpan.FromMilliseconds(50);
            var options = BotOptions.Default with { Host = server.Host, Port = server.Port, ChatIntervalMin = every, ChatIntervalMax = every, PingInterval = every };
            Console.WriteLine($"[rtt] 1 bot, chat and ping every 50 ms against {server.Describe}, {measureFor.TotalSeconds:0} s");
            await using var engine = new BotEngine(options, EngineOptions.Default);
            engine.Start(1);
            await WaitOnlineAsync(engine, 1, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await DelayAsync(measureFor).ConfigureAwait(false);
            var s = engine.Latest;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[rtt] echo p50 {s.ChatRtt.P50Ms * 1000:0} us, p90 {s.ChatRtt.P90Ms * 1000:0} us, p99 {s.ChatRtt.P99Ms * 1000:0} us ({s.ChatRtt.Count} echoes); ping p50 {s.PingRtt.P50Ms * 1000:0} us, p90 {s.PingRtt.P90Ms * 1000:0} us, p99 {s.PingRtt.P99Ms * 1000:0} us ({s.PingRtt.Count} pongs); errors {s.ErrorCount}"));
        }
    }
}
