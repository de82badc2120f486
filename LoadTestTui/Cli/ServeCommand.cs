using System.CommandLine;
using System.Globalization;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Core.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace LoadTestTui.Cli;

/// <summary>`loadtest serve`: runs the embedded reference chat server until Ctrl+C or SIGTERM.</summary>
public static class ServeCommand
{
    /// <summary>Exit code for bad options and for an address that cannot be listened on.</summary>
    public const int UsageError = 2;

    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to listen on: an IP address (0.0.0.0 or :: for every interface) or 'localhost'.",
        DefaultValueFactory = _ => ServerOptions.Default.Host,
    };

    private static readonly Option<int> Port = new("--port", "-p")
    {
        Description = "TCP port to listen on; 0 picks a free port (the listening line shows which).",
        DefaultValueFactory = _ => ServerOptions.Default.Port,
    };

    private static readonly Option<int> MaxSessions = new("--max-sessions")
    {
        Description = "Most connections served at once; more are accepted and closed at once (the original server allowed 5000).",
        DefaultValueFactory = _ => ServerOptions.Default.MaxSessions,
    };

    private static readonly Option<string> Key = new("--key")
    {
        Description = "XOR obfuscation key (ASCII) shared with the clients; \"\" turns obfuscation off.",
        DefaultValueFactory = _ => ProtocolOptions.DefaultKey,
    };

    private static readonly Option<string> Encoding = new("--encoding")
    {
        Description = "Text encoding of names and chat: utf-8, ascii, cp949 or euc-kr (Korean Windows servers).",
        DefaultValueFactory = _ => ProtocolOptions.Default.Encoding,
    };

    private static readonly Option<int> MaxFrame = new("--max-frame")
    {
        Description = "Largest frame in bytes, header included; longer frames close the session (the original server: 10240).",
        DefaultValueFactory = _ => ProtocolOptions.DefaultMaxFrameSize,
    };

    private static readonly Option<int> SendQueue = new("--send-queue")
    {
        Description = "Queue entries (a frame, or one tick's gathered broadcasts) a session may have waiting to be sent before it is dropped as a slow reader.",
        DefaultValueFactory = _ => ServerOptions.Default.SendQueueFrames,
    };

    private static readonly Option<double> FlushLinger = new("--flush-linger")
    {
        Description = "Milliseconds a session that has just sent lets further frames gather before sending again, while the server is busy (batches broadcast storms; a quiet server or session sends at once); 0 turns it off.",
        DefaultValueFactory = _ => ServerOptions.Default.FlushLinger.TotalMilliseconds,
    };

    private static readonly Option<double> StatsInterval = new("--stats-interval")
    {
        Description = "Seconds between one-line stats summaries on stdout; 0 turns them off.",
        DefaultValueFactory = _ => ServerOptions.Default.StatsInterval.TotalSeconds,
    };

    private static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log every session's end, not only protocol errors and slow readers.",
    };

    public static Command Build()
    {
        var command = new Command("serve", "Run the embedded reference chat server (speaks the original ChattingServer protocol). Ctrl+C stops it.")
        {
            Host, Port, MaxSessions, Key, Encoding, MaxFrame, SendQueue, FlushLinger, StatsInterval, Verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = ReadOptions(parse);
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                    await error.WriteLineAsync($"error: {problem}").ConfigureAwait(false);
                return UsageError;
            }
            var level = parse.GetValue(Verbose) ? LogLevel.Debug : LogLevel.Information;
            return await RunAsync(options, level, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static ServerOptions ReadOptions(ParseResult parse)
    {
        var seconds = parse.GetValue(StatsInterval);
        var linger = parse.GetValue(FlushLinger);
        return new ServerOptions
        {
            Host = parse.GetValue(Host) ?? "",
            Port = parse.GetValue(Port),
            MaxSessions = parse.GetValue(MaxSessions),
            SendQueueFrames = parse.GetValue(SendQueue),
            FlushLinger = double.IsFinite(linger) && Math.Abs(linger) < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(linger) : TimeSpan.MinValue,
            // NaN and absurd values become a negative interval, which Validate reports.
            StatsInterval = double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MinValue,
            Protocol = new ProtocolOptions
            {
                Key = parse.GetValue(Key) ?? "",
                Encoding = parse.GetValue(Encoding) ?? "",
                MaxFrameSize = parse.GetValue(MaxFrame),
            },
        };
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> fires (Ctrl+C, SIGTERM), printing stats as it goes.</summary>
    public static async Task<int> RunAsync(ServerOptions options, LogLevel level, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var logging = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            // Logs go to stderr so stdout carries only the listening line and stats, for scripts to read.
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
        var logger = logging.CreateLogger("LoadTestTui.Server");

        ChatServer server;
        try
        {
            server = await ChatServer.StartAsync(options, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (ServerStartException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Chat server listening on {server.EndPoint} (max {options.MaxSessions} sessions)")).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await PrintStatsUntilCancelledAsync(server, options.StatsInterval, output, cancellationToken).ConfigureAwait(false);
            await server.StopAsync().ConfigureAwait(false);
            await output.WriteLineAsync("Stopped. " + FormatStats(server.Stats)).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>One line: what an operator glances at while a load test runs.</summary>
    public static string FormatStats(ServerStats s) => string.Create(CultureInfo.InvariantCulture,
        $"sessions {s.SessionsOpen} (accepted {s.SessionsAccepted}, rejected {s.SessionsRejected}), users {s.UsersRegistered}, " +
        $"frames in {s.FramesIn} / out {s.FramesOut}, bytes in {s.BytesIn} / out {s.BytesOut}, " +
        $"chats {s.Chats}, pings {s.Pings}, heartbeats {s.Heartbeats}, " +
        $"errors: protocol {s.ProtocolErrors} (unexpected {s.UnexpectedPackets}), slow readers dropped {s.SlowConsumersDropped}");

    private static async Task PrintStatsUntilCancelledAsync(ChatServer server, TimeSpan interval, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            if (interval <= TimeSpan.Zero)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                return;
            }
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync(FormatStats(server.Stats)).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the caller stops the server and prints the final line.
        }
    }
}
