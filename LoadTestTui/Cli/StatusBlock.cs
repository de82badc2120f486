using System.Globalization;
using System.Text;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;

namespace LoadTestTui.Cli;

/// <summary>The periodic status block and final summary of a headless run, laid out like the original tool's.</summary>
internal static class StatusBlock
{
    private static readonly string Rule = new('=', 80);

    /// <summary>A status block during the run: rates are the last tick's.</summary>
    public static string Format(EngineSnapshot s, DateTime now) => Build(s, now, final: false);

    /// <summary>The final summary: rates are the run's averages and busiest seconds, since the last tick's are 0 once the bots have left.</summary>
    public static string Summary(EngineSnapshot s, DateTime now) => Build(s, now, final: true);

    private static string Build(EngineSnapshot s, DateTime now, bool final)
    {
        var title = final ? "Load test summary" : "Load test status";
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(Rule);
        sb.AppendLine(ci, $"{title} - {now:yyyy-MM-dd HH:mm:ss}");
        sb.AppendLine(Rule);
        sb.AppendLine(ci, $"Test time: {s.Elapsed.TotalSeconds:0.0}s ({s.State.ToString().ToLowerInvariant()}{(s.ChatPaused ? ", chat paused" : "")})");
        sb.AppendLine(ci, $"Bots: {s.States.Online}/{s.TargetBots} connected (peak {s.PeakOnline}; connecting {s.States.Connecting + s.States.Registering}, reconnecting {s.States.Reconnecting}, failed {s.States.Failed})");
        if (s.State == RunState.Ramping)
            sb.AppendLine(ci, $"Ramp: {s.EffectiveRampPerSecond:0.#}/s of {s.RampPerSecond:0.#}/s asked; handshakes in flight {s.HandshakesInFlight}/{s.HandshakeWindow}{(s.RampLimit.Length > 0 ? $" ({s.RampLimit})" : "")}");
        if (s.Registration.Count > 0)
            sb.AppendLine(ci, $"Registration: p50 {s.Registration.P50Ms:0.0}ms, p99 {s.Registration.P99Ms:0.0}ms, max {s.Registration.MaxMs:0.0}ms; connect p99 {s.ConnectTime.P99Ms:0.0}ms ({s.Registration.Count} registered)");
        sb.AppendLine(ci, $"Messages: sent {s.MessagesSent}, received {s.MessagesReceived}");
        sb.AppendLine(ci, $"Errors: {s.ErrorCount}{ErrorBreakdown(s)}");
        var l = s.ChatRtt;
        sb.AppendLine(l.Count == 0
            ? "Latency: no echoes yet"
            : string.Create(ci, $"Latency: avg {l.MeanMs:0.0}ms, min {l.MinMs:0.0}ms, max {l.MaxMs:0.0}ms, p99 {l.P99Ms:0.0}ms ({l.Count} echoes)"));
        if (s.PingRtt.Count > 0)
            sb.AppendLine(ci, $"Ping: p50 {s.PingRtt.P50Ms:0.0}ms, p99 {s.PingRtt.P99Ms:0.0}ms ({s.PingRtt.Count} pongs)");
        var d = s.Delivery;
        if (d.Expected > 0 || d.Received > 0)
            sb.AppendLine(ci, $"Delivery: {d.Received}/{d.Expected} received, {d.Lost} lost, {d.Duplicated} duplicated, {d.OutOfOrder} out of order{AuditSample(d)}; fan-out p99 {d.FanOut.P99Ms:0.0}ms");
        if (final)
            AppendRunRates(sb, s);
        else
            sb.Append(ci, $"Throughput: {s.MessagesSentPerSecond:0.0} msgs/s out, {s.MessagesReceivedPerSecond:0.0} msgs/s in");
        return sb.ToString();
    }

    private static void AppendRunRates(StringBuilder sb, EngineSnapshot s)
    {
        var ci = CultureInfo.InvariantCulture;
        var r = RunRates.Of(s);
        if (RunRates.Ramp(s) is { } ramp)
            sb.AppendLine(ci, $"Ramp: avg {ramp.AveragePerSecond:0.#}/s, peak {ramp.PeakPerSecond:0.#}/s of {s.RampPerSecond:0.#}/s asked; handshakes in flight peak {s.PeakHandshakesInFlight}/{s.PeakHandshakeWindow}");
        sb.AppendLine(ci, $"Connects: avg {r.Connects.AveragePerSecond:0.0}/s, peak {r.Connects.PeakPerSecond:0.0}/s; errors avg {r.Errors.AveragePerSecond:0.0}/s, peak {r.Errors.PeakPerSecond:0.0}/s");
        sb.AppendLine(ci, $"Bytes: avg {Kb(r.BytesSent.AveragePerSecond)}/s out, {Kb(r.BytesReceived.AveragePerSecond)}/s in; peak {Kb(r.BytesSent.PeakPerSecond)}/s out, {Kb(r.BytesReceived.PeakPerSecond)}/s in");
        sb.Append(ci, $"Throughput: avg {r.MessagesSent.AveragePerSecond:0.0} msgs/s out, {r.MessagesReceived.AveragePerSecond:0.0} msgs/s in over {r.DurationSeconds:0.0}s; " +
            $"peak {r.MessagesSent.PeakPerSecond:0.0} msgs/s out{At(r.MessagesSent)}, {r.MessagesReceived.PeakPerSecond:0.0} msgs/s in{At(r.MessagesReceived)}");
    }

    private static string At(RateFigure f) => f.PeakT is { } t ? string.Create(CultureInfo.InvariantCulture, $" (t={t}s)") : "";

    private static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    /// <summary>Lost / duplicated / out of order come from the audit receivers: say so when they are a sample.</summary>
    private static string AuditSample(Core.Model.DeliveryStats d) => d.AuditsEveryReceiver
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $" (sampled by {d.AuditReceivers} audit receivers over {d.Audited} deliveries)");

    private static string ErrorBreakdown(EngineSnapshot s)
    {
        var parts = s.Errors.Where(e => e.Value > 0).OrderByDescending(e => e.Value)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{Core.Model.ErrorKinds.Name(e.Key)} {e.Value}")).ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }
}
