using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Export;

/// <summary>Turns a snapshot into the JSON report: a pure function, so any snapshot can be exported at any time.</summary>
public static class RunReportBuilder
{
    public static RunReport Build(EngineSnapshot s, BotOptions options, MonitorDocument? server = null) => new()
    {
        TestRunning = s.State is RunState.Ramping or RunState.Running or RunState.Stopping,
        ElapsedTime = Math.Round(s.Elapsed.TotalSeconds, 3),
        TotalBots = s.TotalBots,
        ConnectedBots = s.States.Online,
        MessagesSent = s.MessagesSent,
        MessagesReceived = s.MessagesReceived,
        ErrorCount = s.ErrorCount,
        Latency = Latency(s.ChatRtt),
        PingLatency = Latency(s.PingRtt),
        PeakConnectedBots = s.PeakOnline,
        Errors = ErrorKinds.All.ToDictionary(k => k.Name(), k => s.Errors.GetValueOrDefault(k)),
        ProtocolErrors = s.ProtocolErrors.ToDictionary(p => SnakeCase(p.Key.ToString()), p => p.Value),
        Delivery = new DeliveryReport(s.Delivery.Expected, s.Delivery.Received, s.Delivery.Lost, s.Delivery.Duplicated,
            s.Delivery.OutOfOrder, s.Delivery.Untagged, Latency(s.Delivery.FanOut),
            s.Delivery.AuditReceivers, s.Delivery.Audited, !s.Delivery.AuditsEveryReceiver, s.Delivery.Remote),
        Totals = new TotalsReport(s.FramesSent, s.FramesReceived, s.BytesSent, s.BytesReceived, s.Connects, s.Reconnects, s.PingsSent, s.PongsReceived, s.GoodbyesSent, s.GoodbyesAcknowledged, s.StateTransitions),
        Run = Info(s, options),
        Histograms = new HistogramsReport(HistogramEncodingName, "us", s.Histograms.ChatRtt, s.Histograms.PingRtt, s.Histograms.FanOut)
        {
            Registration = s.Histograms.Registration,
        },
        Timeline = s.Timeline.Select(Row).ToList(),
        BotDetails = s.Bots.Select(b => new BotReport(b.Id, b.Name, b.State.ToString().ToLowerInvariant(), b.MessagesSent, b.MessagesReceived,
            b.Reconnects, b.LastError, Nullable(b.LastRttMs), Nullable(b.MinRttMs), Nullable(b.AvgRttMs), Nullable(b.MaxRttMs))
        {
            Connected = b.Connected,
            PendingPings = b.PendingPings,
        }).ToList(),
        RegistrationLatency = Latency(s.Registration),
        ConnectTime = Latency(s.ConnectTime),
        Ramp = Ramp(s),
        Rates = RunRates.Of(s),
        Server = server,
        Plan = s.Plan is { } plan ? Plan(plan, s.PlanPoint) : null,
    };

    public static PlanReport Plan(LoadPlan plan, PlanPoint? point) => new(
        plan.Name,
        plan.StartTarget,
        Math.Round(plan.Total.TotalSeconds, 3),
        point is { } p ? p.StageIndex + 1 : null,
        [.. plan.Stages.Select(st => new StageReport(
            Math.Round(st.Duration.TotalSeconds, 3),
            st.Target,
            Seconds(st.Behaviour?.ChatIntervalMin),
            Seconds(st.Behaviour?.ChatIntervalMax),
            Seconds(st.Behaviour?.HeartbeatInterval),
            Seconds(st.Behaviour?.PingInterval)))]);

    public static ThresholdReport Threshold(ThresholdResult r) => new(
        r.Threshold.Text,
        r.Threshold.Metric.Name,
        SnakeCase(r.Threshold.Metric.Unit.ToString()),
        r.Threshold.Comparison.Symbol(),
        r.Threshold.Limit,
        r.Threshold.Window?.TotalSeconds,
        r.Threshold.Abort,
        r.Threshold.Grace.TotalSeconds,
        r.Measured is { } m ? Math.Round(m, 6) : null,
        r.Passed);

    /// <summary>The ramp now (asked, effective this tick, window) and over the run (the effective ramp's mean and peak second).</summary>
    private static RampReport Ramp(EngineSnapshot s)
    {
        var run = RunRates.Ramp(s);
        return new RampReport(s.RampPerSecond, Math.Round(s.EffectiveRampPerSecond, 3), s.HandshakesInFlight, s.HandshakeWindow,
            s.PeakHandshakesInFlight, s.PeakHandshakeWindow, s.RampLimit)
        {
            EffectiveAveragePerSecond = run?.AveragePerSecond,
            EffectivePeakPerSecond = run?.PeakPerSecond,
        };
    }

    private static double? Seconds(TimeSpan? span) => span is { } t ? Math.Round(t.TotalSeconds, 3) : null;

    /// <summary>The value of <c>histograms.encoding</c>: which encoding the histogram strings use.</summary>
    public const string HistogramEncodingName = "hdrhistogram-v2-compressed-base64";

    private static RunInfo Info(EngineSnapshot s, BotOptions options) =>
        new("LoadTestTui", s.RunId, options.Host, options.Port, s.State.ToString().ToLowerInvariant(), s.TargetBots, DateTimeOffset.Now)
        {
            ToolVersion = typeof(RunReportBuilder).Assembly.GetName().Version?.ToString(3) ?? "",
            StartedAt = s.StartedAt,
            EndedAt = s.State == RunState.Stopped ? s.StartedAt + s.Elapsed : null,
            RampPerSecond = s.RampPerSecond,
            DurationSeconds = s.Duration?.TotalSeconds,
            Options = new OptionsReport(options.NamePrefix, options.ChatIntervalMin.TotalSeconds, options.ChatIntervalMax.TotalSeconds,
                options.HeartbeatInterval.TotalSeconds, options.PingInterval.TotalSeconds, options.Tagged, options.ConnectTimeout.TotalSeconds,
                options.ResponseTimeout.TotalSeconds, options.MaxReconnects, options.Protocol.Encoding, options.Protocol.MaxFrameSize)
            {
                KeySha256 = KeyDigest(options.Protocol.Key),
            },
            Machine = new MachineReport(Environment.MachineName, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
                System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, Environment.ProcessorCount),
        };

    /// <summary>Tells keys apart without writing one into a file that gets shared.</summary>
    public static string KeyDigest(string key) =>
        key.Length == 0 ? "" : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16];

    private static TimelineReportRow Row(TimelineRow t) =>
        new(t.T, t.Online, t.Sent, t.Received, Math.Round(t.SentPerSecond, 3), Math.Round(t.ReceivedPerSecond, 3), Ms(t.P50Ms), Ms(t.P99Ms), t.Errors, t.Connects)
        {
            RegistrationP99 = Ms(t.RegistrationP99Ms),
            EffectiveRampPerSecond = Math.Round(t.EffectiveRampPerSecond, 3),
            HandshakesInFlight = t.HandshakesInFlight,
            HandshakeWindow = t.HandshakeWindow,
            Target = t.Target,
            States = new Dictionary<string, int>
            {
                ["connecting"] = t.States.Connecting,
                ["registering"] = t.States.Registering,
                ["online"] = t.States.Online,
                ["reconnecting"] = t.States.Reconnecting,
                ["stopping"] = t.States.Stopping,
                ["stopped"] = t.States.Stopped,
                ["failed"] = t.States.Failed,
            },
            BytesSentPerSecond = Math.Round(t.BytesSentPerSecond, 3),
            BytesReceivedPerSecond = Math.Round(t.BytesReceivedPerSecond, 3),
            ErrorsByClass = t.ErrorsThisSecond.IsDefaultOrEmpty
                ? new Dictionary<string, long>()
                : ErrorKinds.All.Where(k => t.ErrorsThisSecond[(int)k] > 0).ToDictionary(k => k.Name(), k => t.ErrorsThisSecond[(int)k]),
            Chat = Second(t.Chat),
            Ping = Second(t.Ping),
            FanOut = Second(t.FanOut),
            Registration = Second(t.Registration),
        };

    private static SecondLatencyReport Second(LatencySummary? l) =>
        l is null ? new SecondLatencyReport(0, 0, 0, 0, 0) : new(l.Count, Ms(l.P50Ms), Ms(l.P90Ms), Ms(l.P99Ms), Ms(l.MaxMs));

    public static LatencyReport Latency(LatencySummary l) =>
        new(Ms(l.MinMs), Ms(l.MaxMs), Ms(l.MeanMs), l.Count, Ms(l.P50Ms), Ms(l.P90Ms), Ms(l.P95Ms), Ms(l.P99Ms), Ms(l.P999Ms));

    /// <summary>Milliseconds to microsecond precision: the histogram's resolution, no false digits.</summary>
    private static double Ms(double value) => Math.Round(value, 3);

    /// <summary>TruncatedFrame -> truncated_frame, matching the error classes' names.</summary>
    public static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static double? Nullable(double value) => double.IsNaN(value) ? null : Ms(value);
}
