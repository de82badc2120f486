
namespace LoadTestTui.Core.Export;

/// <summary>The run's CSV files (see docs/formats.md).</summary>
public static class RunCsv
{
    public static CsvTable<TimelineRow> Timeline { get; } = new(
        ["t", "online", "sent", "received", "sent_per_s", "received_per_s", "p50_ms", "p99_ms", "errors", "connects",
            "registration_p99_ms", "effective_ramp_per_s", "handshakes_in_flight", "handshake_window"],
        r => [r.T, r.Online, r.Sent, r.Received, r.SentPerSecond, r.ReceivedPerSecond, r.P50Ms, r.P99Ms, r.Errors, r.Connects,
            r.RegistrationP99Ms, r.EffectiveRampPerSecond, r.HandshakesInFlight, r.HandshakeWindow]);

    public static CsvTable<BotRow> Bots { get; } = new(
        ["bot_id", "name", "state", "messages_sent", "messages_received", "reconnects", "last_error", "rtt_last_ms", "rtt_min_ms", "rtt_avg_ms", "rtt_max_ms"],
        b => [b.Id, b.Name, b.State.ToString().ToLowerInvariant(), b.MessagesSent, b.MessagesReceived, b.Reconnects, b.LastError, b.LastRttMs, b.MinRttMs, b.AvgRttMs, b.MaxRttMs]);
}
