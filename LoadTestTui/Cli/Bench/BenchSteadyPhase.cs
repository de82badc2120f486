using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// <c>bench --phase steady</c>: many chatting bots against the reference server for a while,
/// printing every 10 s the bot process's resident and managed memory per bot (does it stay flat?),
/// its CPU and its CPU per delivered chat.
/// </summary>
internal static partial class BenchCommand
{
    private static readonly Option<int> SteadyBots = new("--steady-bots") { Description = "Chatting bots held in phase steady.", DefaultValueFactory = _ => 3_000 };
    private static readonly Option<double> SteadySeconds = new("--steady-seconds") { Description = "How long phase steady measures once all are online.", DefaultValueFactory = _ => 60 };
    private static readonly Option<string> SteadyChatInterval = new("--steady-chat-interval") { Description = "Chat interval of phase steady, MIN-MAX seconds.", DefaultValueFactory = _ => "30-60" };

    private sealed partial class Bench
    {
        private static readonly TimeSpan SteadyReport = TimeSpan.FromSeconds(10);

        public async Task SteadyAsync(int count, TimeSpan chatMin, TimeSpan chatMax, TimeSpan measureFor)
        {
            await using var server = await ServerAsync().ConfigureAwait(false);
            var options = BotOptions.Default with { Host = server.Host, Port = server.Port, ChatIntervalMin = chatMin, ChatIntervalMax = chatMax, ConnectTimeout = TimeSpan.FromSeconds(30), ResponseTimeout = TimeSpan.FromSeconds(60) };
            Console.WriteLine($"[steady] {count} bots chatting every {chatMin.TotalSeconds:0.#}-{chatMax.TotalSeconds:0.#} s against {server.Describe}");
            var managedBefore = ProcessStats.SettledManagedBytes();
            var residentBefore = ProcessStats.ResidentBytes;
            await using var engine = new BotEngine(options, EngineOptions.Default with { RampPerSecond = ramp, StopTimeout = TimeSpan.FromSeconds(10) });
            engine.Start(count);
            await WaitOnlineAsync(engine, count, TimeSpan.FromSeconds(300)).ConfigureAwait(false);
            await DelayAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); // past the join storm's tail
            var start = engine.Latest;
            var cpuStart = ProcessStats.CpuTime;
            var clock = Stopwatch.StartNew();
            var (previous, cpuPrevious, atPrevious) = (start, cpuStart, TimeSpan.Zero);
            var loopsStart = engine.LoopFigures;
            while (clock.Elapsed < measureFor && !cancellationToken.IsCancellationRequested)
            {
                await DelayAsync(SteadyReport).ConfigureAwait(false);
                var (now, cpuNow, at) = (engine.Latest, ProcessStats.CpuTime, clock.Elapsed);
                var online = Math.Max(1, now.States.Online);
                var managed = ProcessStats.SettledManagedBytes() - managedBefore; // settles the heap before RSS is read
                var resident = ProcessStats.ResidentBytes - residentBefore;
                var cpu = (cpuNow - cpuPrevious).TotalSeconds;
                var deliveries = now.Delivery.Received - previous.Delivery.Received;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[steady] t={at.TotalSeconds:0}s online {now.States.Online}: resident {resident / (double)online / 1024:0.0} KB/bot, managed {managed / (double)online / 1024:0.0} KB/bot; CPU {cpu / (at - atPrevious).TotalSeconds * 100:0.0} % of a core, {deliveries / (at - atPrevious).TotalSeconds:N0} deliveries/s, {PerDelivery(cpu, deliveries)}"));
                (previous, cpuPrevious, atPrevious) = (now, cpuNow, at);
            }
            var end = engine.Latest;
            var totalCpu = (ProcessStats.CpuTime - cpuStart).TotalSeconds;
            var totalDeliveries = end.Delivery.Received - start.Delivery.Received;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[steady] over {clock.Elapsed.TotalSeconds:0} s: {totalDeliveries:N0} deliveries, bot process CPU {totalCpu / clock.Elapsed.TotalSeconds * 100:0.0} % of a core = {PerDelivery(totalCpu, totalDeliveries)} (GC and snapshot cost included)"));
            Console.WriteLine($"[steady] {Bench.LoopLine(engine.LoopFigures - loopsStart, end.FramesReceived - start.FramesReceived, clock.Elapsed.TotalSeconds, totalCpu)}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[steady] echo p50 {end.ChatRtt.P50Ms:0.00} ms, p99 {end.ChatRtt.P99Ms:0.00} ms; lost {end.Delivery.Lost}, duplicated {end.Delivery.Duplicated}, out of order {end.Delivery.OutOfOrder} (audited by {end.Delivery.AuditReceivers} receivers over {end.Delivery.Audited:N0} deliveries); errors {end.ErrorCount}"));
        }
    }

    /// <summary>CPU per delivery; before the first chats (30-60 s in) there is nothing to divide by.</summary>
    private static string PerDelivery(double cpuSeconds, long deliveries) => deliveries == 0
        ? "no deliveries yet"
        : string.Create(CultureInfo.InvariantCulture, $"{cpuSeconds / deliveries * 1e6:0.00} us per delivery");
}
