using System.CommandLine;
using System.Net.Sockets;

namespace LoadTestTui.Cli;

/// <summary>
/// `loadtest probe-child` (hidden, test support): a process in a known state for the monitor's
/// tests. Prints "ready" once in that state, then holds it until stdin closes or --max-seconds
/// pass, so it can never outlive a test run.
/// </summary>
internal static class ProbeChildCommand
{
    public static Command Create()
    {
        var spin = new Option<bool>("--spin") { Description = "Busy-loop on one thread." };
        var idle = new Option<bool>("--idle") { Description = "Do nothing." };
        var holdMb = new Option<int>("--hold-mb") { Description = "Allocate and touch this many MB, then sleep." };
        var connect = new Option<string?>("--connect") { Description = "HOST:PORT to open connections to." };
        var count = new Option<int>("--count") { Description = "How many connections --connect opens.", DefaultValueFactory = _ => 1 };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Exit after this long at the latest.", DefaultValueFactory = _ => 60 };

        var command = new Command("probe-child", "Test support: hold a known CPU, memory or connection state.") { Hidden = true };
        foreach (var option in new Option[] { spin, idle, holdMb, connect, count, maxSeconds })
            command.Options.Add(option);

        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            lifetime.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(maxSeconds), 0.1, 3600)));
            var token = lifetime.Token;

            Thread? spinner = null;
            if (parse.GetValue(spin))
            {
                spinner = new Thread(() => Spin(token)) { IsBackground = true, Name = "spin" };
                spinner.Start();
            }

            var held = Hold(parse.GetValue(holdMb));

            var sockets = new List<TcpClient>();
            try
            {
                if (parse.GetValue(connect) is { } endpoint)
                {
                    var colon = endpoint.LastIndexOf(':');
                    if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out var port))
                    {
                        await Console.Error.WriteLineAsync("error: --connect takes HOST:PORT.").ConfigureAwait(false);
                        return 2;
                    }
                    for (var i = 0; i < parse.GetValue(count); i++)
                    {
                        var client = new TcpClient();
                        sockets.Add(client);
                        await client.ConnectAsync(endpoint[..colon], port, token).ConfigureAwait(false);
                    }
                }

                Console.Out.WriteLine("ready");
                Console.Out.Flush();
                await WaitForStdinEndAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // --max-seconds passed.
            }
            finally
            {
                foreach (var socket in sockets)
                    socket.Dispose();
            }
            GC.KeepAlive(held);
            spinner?.Join(TimeSpan.FromSeconds(1));
            return 0;
        });
        return command;
    }

    private static void Spin(CancellationToken token)
    {
        ulong n = 0;
        while (!token.IsCancellationRequested)
            n++;
        GC.KeepAlive(n);
    }

    /// <summary>Allocates <paramref name="megabytes"/> MB in 1 MB arrays and writes every page so it is resident.</summary>
    private static byte[][] Hold(int megabytes)
    {
        var blocks = new byte[Math.Max(0, megabytes)][];
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = GC.AllocateUninitializedArray<byte>(1024 * 1024);
            for (var offset = 0; offset < block.Length; offset += 4096)
                block[offset] = 1;
            blocks[i] = block;
        }
        return blocks;
    }

    /// <summary>Completes when stdin reaches its end; a console read may ignore cancellation, so the token cuts the wait instead.</summary>
    private static async Task WaitForStdinEndAsync(CancellationToken token)
    {
        var readToEnd = Task.Run(() =>
        {
            using var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (stdin.Read(buffer) > 0)
            {
            }
        }, CancellationToken.None);
        await readToEnd.WaitAsync(token).ConfigureAwait(false);
    }
}
