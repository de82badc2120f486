using System.CommandLine;
using System.Diagnostics;
using System.Drawing;
using System.Globalization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Dashboard;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// <c>bench --phase dashboard</c>: what the dashboard costs its UI thread as the crowd grows. For
/// each bot count, the bots go online against a fresh reference server (a child process), then
/// the real dashboard window runs at 160x48 and 4 Hz, drawing into memory instead of the terminal,
/// and the CPU time of its <c>dashboard-ui</c> thread is read from /proc over a fixed span.
/// </summary>
internal static partial class BenchCommand
{
    private static readonly Option<string> DashboardBots = new("--dashboard-bots") { Description = "Phase dashboard: bot counts, comma-separated.", DefaultValueFactory = _ => "500,19000" };
    private static readonly Option<double> DashboardSeconds = new("--dashboard-seconds") { Description = "Phase dashboard: how long the UI thread is measured at each count.", DefaultValueFactory = _ => 20 };
    private static readonly Option<string> DashboardChatInterval = new("--dashboard-chat-interval") { Description = "Phase dashboard: the bots' chat interval, MIN-MAX seconds, 0 for idle bots.", DefaultValueFactory = _ => "0" };

    private sealed partial class Bench
    {
        private static readonly Size DashboardScreen = new(160, 48);
        private const double DashboardRefresh = 4;
        // Long enough for the tiered JIT to settle: the first seconds of tier-0 code cost several times more.
        private static readonly TimeSpan DashboardWarmUp = TimeSpan.FromSeconds(10);

        public async Task DashboardAsync(IReadOnlyList<int> counts, TimeSpan chatMin, TimeSpan chatMax, TimeSpan measureFor)
        {
            var chat = chatMax > TimeSpan.Zero ? $"chatting every {chatMin.TotalSeconds:0.#}-{chatMax.TotalSeconds:0.#} s" : "idle";
            Console.WriteLine($"[dashboard] the dashboard window at {DashboardScreen.Width}x{DashboardScreen.Height}, {DashboardRefresh:0} Hz, drawing into memory; its UI thread's CPU from /proc over {measureFor.TotalSeconds:0} s, with {chat} bots");
            foreach (var count in counts)
            {
                if (cancellationToken.IsCancellationRequested)
                    return;
                await DashboardAtAsync(count, chat, chatMin, chatMax, measureFor).ConfigureAwait(false);
            }
        }

        private async Task DashboardAtAsync(int count, string chat, TimeSpan chatMin, TimeSpan chatMax, TimeSpan measureFor)
        {
            await using var server = await ServerAsync().ConfigureAwait(false);
            var options = BotOptions.Default with
            {
                Host = server.Host,
                Port = server.Port,
                ChatIntervalMin = chatMin,
                ChatIntervalMax = chatMax,
                PingInterval = TimeSpan.Zero,
                ConnectTimeout = TimeSpan.FromSeconds(30),
                ResponseTimeout = TimeSpan.FromSeconds(120),
            };
            await using var engine = new BotEngine(options, EngineOptions.Default with { RampPerSecond = ramp, StopTimeout = TimeSpan.FromSeconds(10) });
            engine.Start(count);
            var online = await WaitOnlineAsync(engine, count, TimeSpan.FromSeconds(600)).ConfigureAwait(false);
            var events = new DashboardEventSink(TimeProvider.System);
            var settings = new DashboardSettings { Target = $"{server.Host}:{server.Port}", RefreshRate = DashboardRefresh, Events = events };
            var dashboard = HeadlessDashboard.Start(settings, new EngineDashboardActions(engine, events, new RunArtifacts(options)), engine.Snapshots, null, DashboardScreen);
            try
            {
                await DelayAsync(DashboardWarmUp).ConfigureAwait(false); // first layout and JIT
                var uiBefore = await dashboard.CpuTimeAsync().ConfigureAwait(false);
                var ticksBefore = dashboard.Ticks;
                var processBefore = ProcessStats.CpuTime;
                var clock = Stopwatch.StartNew();
                await DelayAsync(measureFor).ConfigureAwait(false);
                var seconds = clock.Elapsed.TotalSeconds;
                var ui = await dashboard.CpuTimeAsync().ConfigureAwait(false) - uiBefore;
                var ticks = dashboard.Ticks - ticksBefore;
                var process = (ProcessStats.CpuTime - processBefore).TotalSeconds;
                var share = ui is { } spent
                    ? string.Create(CultureInfo.InvariantCulture, $"{spent.TotalSeconds / seconds * 100:0.0} % of a core ({ticks} ticks, {spent.TotalMilliseconds / Math.Max(1, ticks):0.00} ms per tick)")
                    : "not measured (no /proc)";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[dashboard] {online}/{count} {chat} bots: UI thread {share}; whole bot process {process / seconds * 100:0.0} %"));
            }
            finally
            {
                await dashboard.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The bot counts of phase dashboard.</summary>
    private static List<int> ParseCounts(string text, List<string> problems)
    {
        var counts = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1_000_000)
                counts.Add(value);
            else
                problems.Add($"--dashboard-bots '{part}' must be a bot count from 1 to 1,000,000.");
        }
        if (counts.Count == 0 && problems.Count == 0)
            problems.Add("--dashboard-bots needs at least one count.");
        return counts;
    }
}
