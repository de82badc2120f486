using System.CommandLine;
using System.Globalization;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Cli;

/// <summary>
/// The options shared by <c>run</c>, <c>dashboard</c> and <c>capacity</c>: target, bot behaviour,
/// protocol and engine. <see cref="Bind"/> turns a parse into validated options, listing every
/// problem at once.
/// </summary>
internal sealed class RunOptions
{
    public Option<string> Host { get; } = new("--host") { Description = "Server host name or address.", DefaultValueFactory = _ => "localhost" };
    public Option<int> Port { get; } = new("--port") { Description = "Server TCP port.", DefaultValueFactory = _ => 9200 };
    public Option<int> Bots { get; } = new("--bots") { Description = "Number of bots to run.", DefaultValueFactory = _ => 10 };
    public Option<double> Duration { get; } = new("--duration") { Description = "Test length in seconds; 0 runs until Ctrl+C.", DefaultValueFactory = _ => 60 };
    public Option<double> Ramp { get; } = new("--ramp") { Description = "Bots started per second.", DefaultValueFactory = _ => EngineOptions.Default.RampPerSecond };
    public Option<string> NamePrefix { get; } = new("--name-prefix") { Description = "Bot names are PREFIX0001, PREFIX0002, ...", DefaultValueFactory = _ => "Bot_" };
    public Option<string> ChatInterval { get; } = new("--chat-interval") { Description = "Seconds between a bot's chats, MIN-MAX (random) or one number; 0 = no chat.", DefaultValueFactory = _ => "3-8" };
    public Option<double> HeartbeatInterval { get; } = new("--heartbeat-interval") { Description = "Seconds between heartbeats; 0 = off.", DefaultValueFactory = _ => 5 };
    public Option<double> PingInterval { get; } = new("--ping-interval") { Description = "Seconds between pings; 0 = off (some servers close on ping).", DefaultValueFactory = _ => 30 };
    public Option<FileInfo?> Messages { get; } = new("--messages") { Description = "File of chat lines, one per line (default: a built-in pool, Korean included)." };
    public Option<bool> NoTag { get; } = new("--no-tag") { Description = "Send plain chat text without the delivery tag (disables delivery integrity counts)." };
    public Option<double> ConnectTimeout { get; } = new("--connect-timeout") { Description = "Seconds to wait for a TCP connect.", DefaultValueFactory = _ => 5 };
    public Option<double> ResponseTimeout { get; } = new("--response-timeout") { Description = "Seconds a user list, echo or pong may take before the connection counts as silent.", DefaultValueFactory = _ => 15 };
    public Option<int?> MaxReconnects { get; } = new("--max-reconnects") { Description = "Reconnect attempts per bot before it is marked failed (default: unlimited while the run lasts)." };
    public Option<int> HandshakeWindow { get; } = new("--handshake-window") { Description = "Most handshakes (connect + register) in flight at once (shared among agents with --nats); the engine narrows it while the server answers slowly.", DefaultValueFactory = _ => EngineOptions.Default.HandshakeWindowMax };
    public Option<double> HandshakeTarget { get; } = new("--handshake-target") { Description = "Seconds a registration may take before it counts as slow and the handshake window narrows.", DefaultValueFactory = _ => EngineOptions.Default.HandshakeTarget.TotalSeconds };
    public Option<double> ReconnectRate { get; } = new("--reconnect-rate") { Description = "Reconnects per second for the whole run (shared among agents with --nats), on top of each bot's backoff.", DefaultValueFactory = _ => EngineOptions.Default.ReconnectsPerSecond };
    public Option<double> StopTimeout { get; } = new("--stop-timeout") { Description = "Seconds bots get to say goodbye before being cut.", DefaultValueFactory = _ => 5 };
    public Option<string> Key { get; } = new("--key") { Description = "Obfuscation key; empty string for none.", DefaultValueFactory = _ => ProtocolOptions.DefaultKey };
    public Option<string> Encoding { get; } = new("--encoding") { Description = "String encoding: utf-8, ascii, cp949, euc-kr.", DefaultValueFactory = _ => "utf-8" };
    public Option<int> MaxFrame { get; } = new("--max-frame") { Description = "Largest frame accepted, in bytes.", DefaultValueFactory = _ => ProtocolOptions.DefaultMaxFrameSize };
    public Option<string?> MonitorProcess { get; } = new("--monitor-process") { Description = "Also sample this server process (name, .exe optional)." };
    public Option<int?> MonitorPid { get; } = new("--monitor-pid") { Description = "Also sample the server process with this PID." };
    public Option<int?> MonitorPort { get; } = new("--monitor-port") { Description = "Also sample whichever process listens on this TCP port." };

    public IEnumerable<Option> All =>
    [
        Host, Port, Bots, Duration, Ramp, NamePrefix, ChatInterval, HeartbeatInterval, PingInterval, Messages, NoTag,
        ConnectTimeout, ResponseTimeout, MaxReconnects, HandshakeWindow, HandshakeTarget, ReconnectRate, StopTimeout, Key, Encoding, MaxFrame, MonitorProcess, MonitorPid, MonitorPort,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    public sealed record Bound(BotOptions Bots, EngineOptions Engine, int BotCount, TimeSpan? Duration, MonitorOptions? Monitor);

    public Bound? Bind(ParseResult parse, List<string> problems)
    {
        var messages = BotOptions.Default.Messages;
        if (parse.GetValue(Messages) is { } file)
        {
            try
            {
                messages = MessagePool.Load(file.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"--messages: cannot read '{file.FullName}': {ex.Message}");
            }
        }
        var (chatMin, chatMax) = ParseInterval(parse.GetValue(ChatInterval) ?? "", problems);
        var bots = new BotOptions
        {
            Host = parse.GetValue(Host) ?? "",
            Port = parse.GetValue(Port),
            NamePrefix = parse.GetValue(NamePrefix) ?? "",
            ChatIntervalMin = chatMin,
            ChatIntervalMax = chatMax,
            HeartbeatInterval = Seconds(parse.GetValue(HeartbeatInterval), "--heartbeat-interval", problems),
            PingInterval = Seconds(parse.GetValue(PingInterval), "--ping-interval", problems),
            Messages = messages,
            Tagged = !parse.GetValue(NoTag),
            ConnectTimeout = Seconds(parse.GetValue(ConnectTimeout), "--connect-timeout", problems),
            ResponseTimeout = Seconds(parse.GetValue(ResponseTimeout), "--response-timeout", problems),
            MaxReconnects = parse.GetValue(MaxReconnects),
            Protocol = new ProtocolOptions
            {
                Key = parse.GetValue(Key) ?? "",
                Encoding = parse.GetValue(Encoding) ?? "",
                MaxFrameSize = parse.GetValue(MaxFrame),
            },
        };
        var engine = new EngineOptions
        {
            RampPerSecond = parse.GetValue(Ramp),
            StopTimeout = Seconds(parse.GetValue(StopTimeout), "--stop-timeout", problems),
            HandshakeWindowMax = parse.GetValue(HandshakeWindow),
            HandshakeTarget = Seconds(parse.GetValue(HandshakeTarget), "--handshake-target", problems),
            ReconnectsPerSecond = parse.GetValue(ReconnectRate),
        };
        problems.AddRange(bots.Validate());
        problems.AddRange(engine.Validate());
        var count = parse.GetValue(Bots);
        if (count < 0 || count > 1_000_000)
            problems.Add($"--bots must be between 0 and 1000000 (got {count}).");
        var duration = parse.GetValue(Duration);
        if (duration < 0 || double.IsNaN(duration))
            problems.Add($"--duration must be 0 (until Ctrl+C) or positive seconds (got {duration}).");
        var monitor = BindMonitor(parse, bots.Port, problems);
        return problems.Count > 0 ? null : new Bound(bots, engine, count, duration > 0 ? TimeSpan.FromSeconds(duration) : null, monitor);
    }

    private MonitorOptions? BindMonitor(ParseResult parse, int loadTestPort, List<string> problems)
    {
        var name = parse.GetValue(MonitorProcess);
        var pid = parse.GetValue(MonitorPid);
        var port = parse.GetValue(MonitorPort);
        var given = (name is null ? 0 : 1) + (pid is null ? 0 : 1) + (port is null ? 0 : 1);
        if (given > 1)
            problems.Add("--monitor-process, --monitor-pid and --monitor-port are alternatives: give one.");
        if (pid is <= 0)
            problems.Add("--monitor-pid must be a positive process id.");
        if (port is < 1 or > 65535)
            problems.Add("--monitor-port must be 1-65535.");
        if (given == 0)
            return null;
        var options = new MonitorOptions { Target = new MonitorTarget(name, pid, port), LoadTestPort = loadTestPort };
        problems.AddRange(options.Validate());
        return options;
    }

    /// <summary>"3-8" (random between), "5" (fixed) or "0" (off), in seconds.</summary>
    internal static (TimeSpan Min, TimeSpan Max) ParseInterval(string text, List<string> problems)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && TryParseSeconds(parts[0], out var fixedSeconds))
            return (TimeSpan.FromSeconds(fixedSeconds), TimeSpan.FromSeconds(fixedSeconds));
        if (parts.Length == 2 && TryParseSeconds(parts[0], out var min) && TryParseSeconds(parts[1], out var max) && min <= max)
            return (TimeSpan.FromSeconds(min), TimeSpan.FromSeconds(max));
        problems.Add($"--chat-interval '{text}' must be MIN-MAX seconds (e.g. 3-8), one number, or 0 for no chat.");
        return (TimeSpan.Zero, TimeSpan.Zero);
    }

    private static bool TryParseSeconds(string text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0 && seconds < 1e6;

    private static TimeSpan Seconds(double value, string name, List<string> problems)
    {
        if (value >= 0 && value < 1e6)
            return TimeSpan.FromSeconds(value);
        problems.Add($"{name} must be between 0 and 1000000 seconds (got {value}).");
        return TimeSpan.Zero;
    }
}
