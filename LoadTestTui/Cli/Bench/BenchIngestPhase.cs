using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// <c>bench --phase ingest</c>: what one received frame costs a bot. A feeder (<see cref="BenchFeeder"/>)
/// writes prepared frames to N bots, first tagged chats from another bot of the run, then
/// new-user / exit-user notifications (a join storm's frames); for each kind it prints the bot
/// process's CPU per frame (the feeder thread's own CPU taken out) and the bytes allocated per
/// frame (process-wide, less the rate measured while idle: the engine's snapshots).
/// </summary>
internal static partial class BenchCommand
{
    private static readonly Option<int> IngestBots = new("--ingest-bots") { Description = "Bots fed prepared frames (phase ingest).", DefaultValueFactory = _ => 1_000 };
    private static readonly Option<int> IngestFrames = new("--ingest-frames") { Description = "Frames of each kind written to every bot (phase ingest).", DefaultValueFactory = _ => 5_000 };

    private sealed partial class Bench
    {
        public async Task IngestAsync(int count, int framesPerBot)
        {
            var codec = FrameCodec.Default;
            using var feeder = new BenchFeeder(codec);
            var options = BotOptions.Default with
            {
                Host = "127.0.0.1",
                Port = feeder.Port,
                ChatIntervalMin = TimeSpan.Zero,
                ChatIntervalMax = TimeSpan.Zero,
                PingInterval = TimeSpan.Zero,
                HeartbeatInterval = TimeSpan.Zero,
                ConnectTimeout = TimeSpan.FromSeconds(30),
                ResponseTimeout = TimeSpan.FromSeconds(120),
            };
            Console.WriteLine($"[ingest] {count} bots; a feeder thread writes {framesPerBot:N0} prepared frames of each kind to every bot");
            await using var engine = new BotEngine(options, EngineOptions.Default with { RampPerSecond = ramp, StopTimeout = TimeSpan.FromSeconds(1) });
            engine.Start(count);
            if (await WaitOnlineAsync(engine, count, TimeSpan.FromSeconds(120)).ConfigureAwait(false) < count)
            {
                Console.WriteLine($"[ingest] only {engine.Latest.States.Online}/{count} online; phase skipped");
                return;
            }
            var runId = engine.Latest.RunId!;
            // Bot 1 hears bot 2, everyone else hears bot 1: every frame is another bot's tagged chat, in sequence.
            var fromBot1 = Frames(codec, framesPerBot, i => Packet.ChatMessage("Bot_0001", $"-> : Hello everyone! [#{runId}.1.{i + 1}]", 42));
            var fromBot2 = Frames(codec, framesPerBot, i => Packet.ChatMessage("Bot_0002", $"-> : Hello everyone! [#{runId}.2.{i + 1}]", 42));
            var notifications = Frames(codec, framesPerBot, i => i % 2 == 0 ? Packet.NewUser($"Bot_{i:D5}") : Packet.ExitUser($"Bot_{i - 1:D5}"));

            var idleAllocationsPerSecond = await IdleAllocationRateAsync().ConfigureAwait(false);
            await FeedAsync("chat", engine, feeder, id => id == 1 ? fromBot2 : fromBot1, (long)count * framesPerBot, idleAllocationsPerSecond).ConfigureAwait(false);
            await FeedAsync("notification", engine, feeder, _ => notifications, (long)count * framesPerBot, idleAllocationsPerSecond).ConfigureAwait(false);
            var s = engine.Latest;
            Console.WriteLine($"[ingest] deliveries counted {s.Delivery.Received:N0} (audited {s.Delivery.Audited:N0} by {s.Delivery.AuditReceivers} receivers: lost {s.Delivery.Lost}, duplicated {s.Delivery.Duplicated}, out of order {s.Delivery.OutOfOrder}); errors {s.ErrorCount}");
        }

        private async Task FeedAsync(string kind, BotEngine engine, BenchFeeder feeder, Func<int, byte[]> forBot, long frames, double idleAllocationsPerSecond)
        {
            var before = engine.Latest.FramesReceived;
            var cpuBefore = ProcessStats.CpuTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var feederCpu = await feeder.FeedAsync(forBot).ConfigureAwait(false);
            while (engine.Latest.FramesReceived - before < frames && clock.Elapsed < TimeSpan.FromMinutes(5) && !cancellationToken.IsCancellationRequested)
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = (ProcessStats.CpuTime - cpuBefore - feederCpu).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore - idleAllocationsPerSecond * seconds;
            var received = engine.Latest.FramesReceived - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[ingest] {kind}: {received:N0}/{frames:N0} frames in {seconds:0.0} s ({received / seconds:N0}/s): bot process CPU {cpu:0.00} s = {cpu / Math.Max(1, received) * 1e6:0.000} us per {kind} (feeder thread's {feederCpu.TotalSeconds:0.00} s excluded); allocated {Math.Max(0, allocated) / Math.Max(1, received):0.000} bytes per frame"));
        }

        /// <summary>Bytes a second the process allocates while its bots are idle (the engine's snapshots): subtracted from the ingest figures.</summary>
        private async Task<double> IdleAllocationRateAsync()
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await DelayAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var rate = (GC.GetTotalAllocatedBytes(precise: true) - before) / clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[ingest] idle process allocates {rate / 1024:0.0} KB/s (engine snapshots); subtracted below"));
            return rate;
        }

        private static byte[] Frames(FrameCodec codec, int count, Func<int, Packet> packet)
        {
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < count; i++)
                codec.Write(packet(i), output);
            return output.WrittenSpan.ToArray();
        }
    }
}
