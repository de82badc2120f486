using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Loops;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// <c>loadtest bench</c>: measures this machine, never asserts. Phase one holds many idle bots
/// online with heartbeats (connect rate, memory per bot, CPU while holding); phase two runs
/// chatting bots and measures the deliveries they ingest and the CPU per million frames; phase
/// three (storm, <see cref="BenchStormPhase"/>) is a join storm with default bot options; phase
/// dashboard (<c>BenchDashboardPhase.cs</c>) measures the dashboard's UI thread at several bot counts. The
/// reference server runs as a child process, because one process can hold only ~19,900 sockets.
/// </summary>
internal static partial class BenchCommand
{
    /// <summary>Phases in the order they run; without --phase, hold then chat.</summary>
    private static readonly string[] PhaseNames = ["hold", "chat", "ingest", "steady", "rtt", "storm", "dashboard"];

    public static Command Build()
    {
        var hold = new Option<int>("--hold") { Description = "Idle bots to hold online (phase one); 0 skips it.", DefaultValueFactory = _ => 19_000 };
        var holdSeconds = new Option<double>("--hold-seconds") { Description = "How long to hold them once all are online.", DefaultValueFactory = _ => 20 };
        var chatters = new Option<int>("--chatters") { Description = "Chatting bots (phase two); 0 skips it.", DefaultValueFactory = _ => 1_000 };
        var chatSeconds = new Option<double>("--chat-seconds") { Description = "How long to measure the chatting bots.", DefaultValueFactory = _ => 20 };
        var chatInterval = new Option<string>("--chat-interval") { Description = "Chat interval of phase two, MIN-MAX seconds.", DefaultValueFactory = _ => "3-8" };
        var ramp = new Option<double>("--ramp") { Description = "Bots started per second.", DefaultValueFactory = _ => 1000 };
        var server = new Option<string?>("--server") { Description = "HOST:PORT of a server to use instead of starting the reference server." };
        var phase = new Option<string[]>("--phase")
        {
            Description = $"Run only these phases ({string.Join(", ", PhaseNames)}, or all); repeat or separate with commas. Default: hold, chat.",
            AllowMultipleArgumentsPerToken = true,
        };
        var stormBots = new Option<int>("--storm-bots") { Description = "Bots in the join storm (phase storm), with default bot options.", DefaultValueFactory = _ => 19_000 };
        var stormRamps = new Option<string>("--storm-ramps") { Description = "Ramps of the storm runs, comma-separated bots/s.", DefaultValueFactory = _ => $"5000,{EngineOptions.Default.RampPerSecond}" };
        var stormLimit = new Option<double>("--storm-limit") { Description = "Seconds one storm run may take before it is reported as not all online.", DefaultValueFactory = _ => 600 };
        var command = new Command("bench", "Measure this machine: bots held online, connect rate, memory per bot, deliveries/s, CPU per million frames, receive cost, round-trip floor, a join storm and the dashboard's UI thread.")
        {
            hold, holdSeconds, chatters, chatSeconds, chatInterval, ramp, server, phase,
            IngestBots, IngestFrames, SteadyBots, SteadySeconds, SteadyChatInterval, RttSeconds,
            stormBots, stormRamps, stormLimit, DashboardBots, DashboardSeconds, DashboardChatInterval,
        };
        command.SetAction(async (parse, ct) =>
        {
            var problems = new List<string>();
            var (chatMin, chatMax) = RunOptions.ParseInterval(parse.GetValue(chatInterval) ?? "", problems);
            var target = ParseServer(parse.GetValue(server), problems);
            var (steadyMin, steadyMax) = RunOptions.ParseInterval(parse.GetValue(SteadyChatInterval) ?? "", problems);
            var phases = ParsePhases(parse.GetValue(phase), problems);
            var dashboardCounts = ParseCounts(parse.GetValue(DashboardBots) ?? "", problems);
            var (dashboardChatMin, dashboardChatMax) = RunOptions.ParseInterval(parse.GetValue(DashboardChatInterval) ?? "", problems);
            if (parse.GetValue(DashboardSeconds) <= 0)
                problems.Add("--dashboard-seconds must be positive.");
            if (parse.GetValue(IngestBots) <= 0 || parse.GetValue(IngestFrames) <= 0 || parse.GetValue(SteadyBots) <= 0)
                problems.Add("--ingest-bots, --ingest-frames and --steady-bots must be positive.");
            if (parse.GetValue(hold) < 0 || parse.GetValue(chatters) < 0)
                problems.Add("--hold and --chatters must be 0 or more.");
            if (parse.GetValue(ramp) <= 0)
                problems.Add("--ramp must be positive.");
            var storm = ParseRamps(parse.GetValue(stormRamps) ?? "", problems);
            if (parse.GetValue(stormBots) < 1 || parse.GetValue(stormLimit) <= 0)
                problems.Add("--storm-bots and --storm-limit must be positive.");
            if (problems.Count > 0)
                return Cli.Usage(problems);
            var bench = new Bench(target, parse.GetValue(ramp), ct);
            Console.WriteLine($"LoadTestTui benchmark - {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
            try
            {
                if (phases.Contains("hold") && parse.GetValue(hold) > 0)
                    await bench.HoldAsync(parse.GetValue(hold), TimeSpan.FromSeconds(parse.GetValue(holdSeconds))).ConfigureAwait(false);
                if (phases.Contains("chat") && parse.GetValue(chatters) > 0 && !ct.IsCancellationRequested)
                    await bench.ChatAsync(parse.GetValue(chatters), chatMin, chatMax, TimeSpan.FromSeconds(parse.GetValue(chatSeconds))).ConfigureAwait(false);
                if (phases.Contains("ingest") && !ct.IsCancellationRequested)
                    await bench.IngestAsync(parse.GetValue(IngestBots), parse.GetValue(IngestFrames)).ConfigureAwait(false);
                if (phases.Contains("steady") && !ct.IsCancellationRequested)
                    await bench.SteadyAsync(parse.GetValue(SteadyBots), steadyMin, steadyMax, TimeSpan.FromSeconds(parse.GetValue(SteadySeconds))).ConfigureAwait(false);
                if (phases.Contains("rtt") && !ct.IsCancellationRequested)
                    await bench.RttAsync(TimeSpan.FromSeconds(parse.GetValue(RttSeconds))).ConfigureAwait(false);
                if (phases.Contains("storm") && !ct.IsCancellationRequested)
                    await new BenchStormPhase(bench.ServerAsync, ct).RunAsync(parse.GetValue(stormBots), storm, TimeSpan.FromSeconds(parse.GetValue(stormLimit))).ConfigureAwait(false);
                if (phases.Contains("dashboard") && !ct.IsCancellationRequested)
                    await bench.DashboardAsync(dashboardCounts, dashboardChatMin, dashboardChatMax, TimeSpan.FromSeconds(parse.GetValue(DashboardSeconds))).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The phases asked for (commas or repeats, "all" for every one); hold and chat when none.</summary>
    private static HashSet<string> ParsePhases(string[]? values, List<string> problems)
    {
        var names = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => v.ToLowerInvariant()).ToHashSet();
        if (names.Remove("all"))
            names.UnionWith(PhaseNames);
        foreach (var unknown in names.Where(n => !PhaseNames.Contains(n)))
            problems.Add($"--phase '{unknown}' is not a phase; use {string.Join(", ", PhaseNames)} or all.");
        return names.Count == 0 ? ["hold", "chat"] : names;
    }

    private static List<double> ParseRamps(string text, List<string> problems)
    {
        var ramps = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
                ramps.Add(value);
            else
                problems.Add($"--storm-ramps '{part}' must be positive bots per second.");
        }
        if (ramps.Count == 0 && problems.Count == 0)
            problems.Add("--storm-ramps needs at least one ramp.");
        return ramps;
    }

    private static (string Host, int Port)? ParseServer(string? text, List<string> problems)
    {
        if (text is null)
            return null;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
            return (text[..colon], port);
        problems.Add($"--server '{text}' must be HOST:PORT.");
        return null;
    }

    private sealed partial class Bench((string Host, int Port)? external, double ramp, CancellationToken cancellationToken)
    {
        public async Task HoldAsync(int count, TimeSpan holdFor)
        {
            await using var server = await ServerAsync().ConfigureAwait(false);
            var options = BotOptions.Default with
            {
                Host = server.Host,
                Port = server.Port,
                ChatIntervalMin = TimeSpan.Zero,
                ChatIntervalMax = TimeSpan.Zero,
                PingInterval = TimeSpan.Zero,
                ConnectTimeout = TimeSpan.FromSeconds(30),
                ResponseTimeout = TimeSpan.FromSeconds(120),
            };
            var managedBefore = ProcessStats.SettledManagedBytes();
            var residentBefore = ProcessStats.ResidentBytes;
            Console.WriteLine($"[hold] {count} idle bots with heartbeats every 5 s against {server.Describe}");
            var engine = new BotEngine(options, EngineOptions.Default with { RampPerSecond = ramp, Tick = TimeSpan.FromMilliseconds(500), StopTimeout = TimeSpan.FromSeconds(10) });
            try
            {
                var started = Stopwatch.StartNew();
                engine.Start(count);
                var online = await WaitOnlineAsync(engine, count, TimeSpan.FromSeconds(600)).ConfigureAwait(false);
                var rampTime = started.Elapsed;
                Console.WriteLine($"[hold] {online}/{count} online after {rampTime.TotalSeconds:0.0} s ({online / rampTime.TotalSeconds:0} bots/s including the server's N^2 new-user notifications); {engine.Latest.FramesReceived:N0} frames received while ramping");
                var cpuBefore = ProcessStats.CpuTime;
                var framesBefore = engine.Latest.FramesSent;
                await DelayAsync(holdFor).ConfigureAwait(false);
                var cpu = ProcessStats.CpuTime - cpuBefore;
                var held = engine.Latest;
                var managed = ProcessStats.SettledManagedBytes() - managedBefore; // settles the heap before RSS is read
                var resident = ProcessStats.ResidentBytes - residentBefore;
                Console.WriteLine($"[hold] held {held.States.Online} bots for {holdFor.TotalSeconds:0} s: {held.FramesSent - framesBefore:N0} heartbeats sent, bot process CPU {cpu.TotalSeconds / holdFor.TotalSeconds * 100:0.0} % of a core");
                Console.WriteLine($"[hold] errors over the whole phase: {held.ErrorCount}{ErrorBreakdown(held)}; reconnects {held.Reconnects}");
                Console.WriteLine($"[hold] memory per bot: managed {managed / (double)Math.Max(1, held.States.Online) / 1024:0.0} KB, resident {resident / (double)Math.Max(1, held.States.Online) / 1024:0.0} KB (total managed {managed / 1048576.0:0.0} MB, resident {resident / 1048576.0:0.0} MB)");
            }
            finally
            {
                var stopping = Stopwatch.StartNew();
                await engine.DisposeAsync().ConfigureAwait(false);
                Console.WriteLine($"[hold] stopped in {stopping.Elapsed.TotalSeconds:0.0} s ({engine.Latest.GoodbyesAcknowledged} goodbyes acknowledged)");
            }
        }

        public async Task ChatAsync(int count, TimeSpan chatMin, TimeSpan chatMax, TimeSpan measureFor)
        {
            await using var server = await ServerAsync().ConfigureAwait(false);
            var options = BotOptions.Default with { Host = server.Host, Port = server.Port, ChatIntervalMin = chatMin, ChatIntervalMax = chatMax, ResponseTimeout = TimeSpan.FromSeconds(60) };
            Console.WriteLine($"[chat] {count} bots chatting every {chatMin.TotalSeconds:0.#}-{chatMax.TotalSeconds:0.#} s against {server.Describe}");
            await using var engine = new BotEngine(options, EngineOptions.Default with { RampPerSecond = ramp, StopTimeout = TimeSpan.FromSeconds(10) });
            engine.Start(count);
            await WaitOnlineAsync(engine, count, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            await DelayAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false); // let every bot reach its chat rhythm
            var before = engine.Latest;
            var cpuBefore = ProcessStats.CpuTime;
            var loopsBefore = engine.LoopFigures;
            var clock = Stopwatch.StartNew();
            await DelayAsync(measureFor).ConfigureAwait(false);
            var after = engine.Latest;
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = (ProcessStats.CpuTime - cpuBefore).TotalSeconds;
            var loops = engine.LoopFigures - loopsBefore;
            var frames = after.FramesReceived + after.FramesSent - before.FramesReceived - before.FramesSent;
            var deliveries = after.Delivery.Received - before.Delivery.Received;
            Console.WriteLine($"[chat] {after.States.Online} online; over {seconds:0.0} s: {(after.MessagesSent - before.MessagesSent) / seconds:N0} chats/s sent, {deliveries / seconds:N0} fan-out deliveries/s ingested, {frames / seconds:N0} frames/s in+out");
            Console.WriteLine($"[chat] bot process CPU {cpu / seconds * 100:0.0} % of a core = {cpu / Math.Max(1, frames) * 1e6:0.00} CPU-s per million frames");
            Console.WriteLine($"[chat] {LoopLine(loops, after.FramesReceived - before.FramesReceived, seconds, cpu)}");
            Console.WriteLine($"[chat] echo RTT p50 {after.ChatRtt.P50Ms:0.00} ms, p99 {after.ChatRtt.P99Ms:0.00} ms, max {after.ChatRtt.MaxMs:0.0} ms; fan-out p99 {after.Delivery.FanOut.P99Ms:0.00} ms; deliveries {after.Delivery.Received:N0}/{after.Delivery.Expected:N0}, lost {after.Delivery.Lost}, duplicated {after.Delivery.Duplicated}; errors {after.ErrorCount}");
        }

        /// <summary>
        /// The bots' event loops over a measurement: their share of the CPU (and the kernel's part of
        /// it), reads per second, and how many frames a read and reads a wake-up carried.
        /// </summary>
        internal static string LoopLine(LoopFigures loops, long framesReceived, double seconds, double processCpu)
        {
            var cpu = loops is { UserCpu: { } user, KernelCpu: { } kernel }
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{(user + kernel).TotalSeconds / seconds * 100:0.0} % of a core ({kernel.TotalSeconds / seconds * 100:0.0} in the kernel, {user.TotalSeconds / seconds * 100:0.0} in user space = {user.TotalSeconds / Math.Max(1, framesReceived) * 1e6:0.000} us per frame received; the rest of the process {(processCpu - (user + kernel).TotalSeconds) / seconds * 100:0.0} %), ")
                : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"bot loops: {cpu}{loops.Reads / seconds:N0} reads/s, {(double)framesReceived / Math.Max(1, loops.Reads):0.0} frames per read, {(double)loops.Reads / Math.Max(1, loops.Waits):0.0} reads per wake-up");
        }

        private static string ErrorBreakdown(EngineSnapshot s)
        {
            var parts = s.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => $"{e.Key.Name()} {e.Value}").ToList();
            return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
        }

        public async Task<BenchServer> ServerAsync()
        {
            if (external is { } target)
                return new BenchServer(target.Host, target.Port, null);
            var (process, port) = await SelfProcess.StartServerAsync(["--max-sessions", "20000"], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return new BenchServer("127.0.0.1", port, process);
        }

        private async Task<int> WaitOnlineAsync(BotEngine engine, int count, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            var lastPrint = TimeSpan.Zero;
            while (engine.Latest.States.Online < count && clock.Elapsed < limit && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(250, CancellationToken.None).ConfigureAwait(false);
                if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(10))
                {
                    lastPrint = clock.Elapsed;
                    var s = engine.Latest;
                    Console.WriteLine($"        ... {s.States.Online}/{count} online at {clock.Elapsed.TotalSeconds:0} s ({s.FramesReceived:N0} frames received, {s.ErrorCount} errors)");
                }
            }
            return engine.Latest.States.Online;
        }

        private async Task DelayAsync(TimeSpan span)
        {
            try
            {
                await Task.Delay(span, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: report what was measured so far.
            }
        }
    }

    internal sealed record BenchServer(string Host, int Port, Process? Child) : IAsyncDisposable
    {
        public string Describe => Child is null ? $"{Host}:{Port}" : $"the reference server (child pid {Child.Id}) on {Host}:{Port}";

        public ValueTask DisposeAsync()
        {
            if (Child is not null)
            {
                SelfProcess.Stop(Child);
                Child.Dispose();
            }
            return ValueTask.CompletedTask;
        }
    }
}
