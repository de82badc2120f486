using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Cli.Bench;

/// <summary>
/// <c>bench --phase rtt</c>: the round-trip floor: one bot chatting and pinging every 50 ms against
/// the reference server; the same bot against a minimal blocking server (<see cref="BenchEchoServer"/>:
/// the bot's own share); then the machine's own floor at the same pace (two threads bouncing 24
/// bytes over blocking loopback sockets), so each figure reads against what this machine's
/// kernel and scheduler allow (a VM's idle-CPU wake-ups cost far more than the code around them).
/// </summary>
internal static partial class BenchCommand
{
    private static readonly Option<double> RttSeconds = new("--rtt-seconds") { Description = "How long phase rtt measures.", DefaultValueFactory = _ => 20 };

    private sealed partial class Bench
    {
        public async Task RttAsync(TimeSpan measureFor)
        {
            await using (var server = await ServerAsync().ConfigureAwait(false))
            {
                Console.WriteLine($"[rtt] 1 bot, chat and ping every 50 ms against {server.Describe}, {measureFor.TotalSeconds:0} s");
                Console.WriteLine($"[rtt] {await OneBotRoundTripsAsync(server.Host, server.Port, measureFor).ConfigureAwait(false)}");
            }
            using (var echo = new BenchEchoServer(FrameCodec.Default))
                Console.WriteLine($"[rtt] the bot against a minimal blocking server (one thread answers each frame at once): {await OneBotRoundTripsAsync("127.0.0.1", echo.Port, measureFor).ConfigureAwait(false)}");
            try
            {
                var every = TimeSpan.FromMilliseconds(50);
                var floor = await Task.Run(() => LoopbackFloor(every, (int)Math.Clamp(measureFor / every, 20, 400))).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[rtt] machine floor, blocking loopback ping-pong between two threads every 50 ms: p50 {Percentile(floor, 0.5):0} us, p90 {Percentile(floor, 0.9):0} us, p99 {Percentile(floor, 0.99):0} us ({floor.Length} round trips)"));
            }
            catch (SocketException ex)
            {
                Console.WriteLine($"[rtt] machine floor not measured: {ex.Message}");
            }
        }

        /// <summary>One bot chatting and pinging every 50 ms against host:port for <paramref name="measureFor"/>: its echo and ping percentiles.</summary>
        private async Task<string> OneBotRoundTripsAsync(string host, int port, TimeSpan measureFor)
        {
            var every = TimeSpan.FromMilliseconds(50);
            var options = BotOptions.Default with { Host = host, Port = port, ChatIntervalMin = every, ChatIntervalMax = every, PingInterval = every };
            await using var engine = new BotEngine(options, EngineOptions.Default with { StopTimeout = TimeSpan.FromSeconds(1) });
            engine.Start(1);
            await WaitOnlineAsync(engine, 1, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await DelayAsync(measureFor).ConfigureAwait(false);
            var s = engine.Latest;
            return string.Create(CultureInfo.InvariantCulture,
                $"echo p50 {s.ChatRtt.P50Ms * 1000:0} us, p90 {s.ChatRtt.P90Ms * 1000:0} us, p99 {s.ChatRtt.P99Ms * 1000:0} us ({s.ChatRtt.Count} echoes); ping p50 {s.PingRtt.P50Ms * 1000:0} us, p90 {s.PingRtt.P90Ms * 1000:0} us, p99 {s.PingRtt.P99Ms * 1000:0} us ({s.PingRtt.Count} pongs); errors {s.ErrorCount}");
        }

        /// <summary>Round trips in microseconds, sorted.</summary>
        private static double[] LoopbackFloor(TimeSpan every, int count)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 5000 };
            client.Connect(listener.LocalEndPoint!);
            using var peer = listener.Accept();
            peer.NoDelay = true;
            var echo = new Thread(() =>
            {
                var buffer = new byte[64];
                try
                {
                    int read;
                    while ((read = peer.Receive(buffer)) > 0)
                        peer.Send(buffer.AsSpan(0, read));
                }
                catch (SocketException)
                {
                    // The measuring side closed.
                }
            }) { IsBackground = true, Name = "bench-echo" };
            echo.Start();
            var message = new byte[24];
            var answer = new byte[64];
            var trips = new double[count];
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                client.Send(message);
                for (var got = 0; got < message.Length;)
                {
                    var read = client.Receive(answer);
                    got += read > 0 ? read : throw new SocketException((int)SocketError.ConnectionReset);
                }
                trips[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                Thread.Sleep(every);
            }
            client.Shutdown(SocketShutdown.Both);
            echo.Join(TimeSpan.FromSeconds(5));
            Array.Sort(trips);
            return trips;
        }

        private static double Percentile(double[] sorted, double quantile) => sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];
    }
}
