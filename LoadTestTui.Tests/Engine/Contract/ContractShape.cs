namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>
/// Every field the contract's timed run must write to its results document (docs/formats.md), as
/// <see cref="ResultsShape"/> lists them: both engines write exactly these. A new field of the
/// results document belongs here too; <c>plan</c>, <c>server</c> and <c>capacity</c> are absent
/// from a plain run without a monitor, and a clean run has no protocol errors.
/// </summary>
internal static class ContractShape
{
    public static IReadOnlySet<string> Paths { get; } = new SortedSet<string>(
        """
        bot_details[]
        bot_details[].bot_id
        bot_details[].connected
        bot_details[].last_error
        bot_details[].messages_received
        bot_details[].messages_sent
        bot_details[].name
        bot_details[].pending_pings
        bot_details[].reconnects
        bot_details[].rtt_avg
        bot_details[].rtt_last
        bot_details[].rtt_max
        bot_details[].rtt_min
        bot_details[].state
        connect_time
        connect_time.avg: number
        connect_time.max: number
        connect_time.min: number
        connect_time.p50: number
        connect_time.p90: number
        connect_time.p95: number
        connect_time.p999: number
        connect_time.p99: number
        connect_time.samples: number
        connected_bots: number
        delivery
        delivery.audit_is_sample: bool
        delivery.audit_receivers: number
        delivery.audited: number
        delivery.duplicated: number
        delivery.expected: number
        delivery.fanout_latency
        delivery.fanout_latency.avg: number
        delivery.fanout_latency.max: number
        delivery.fanout_latency.min: number
        delivery.fanout_latency.p50: number
        delivery.fanout_latency.p90: number
        delivery.fanout_latency.p95: number
        delivery.fanout_latency.p999: number
        delivery.fanout_latency.p99: number
        delivery.fanout_latency.samples: number
        delivery.fanout_left_out: number
        delivery.lost: number
        delivery.out_of_order: number
        delivery.received: number
        delivery.untagged: number
        elapsed_time: number
        error_count: number
        errors
        errors.agent_lost: number
        errors.closed_by_server: number
        errors.connect_refused: number
        errors.connect_timeout: number
        errors.connection_reset: number
        errors.protocol_error: number
        errors.response_timeout: number
        errors.send_failed: number
        errors.unexpected_packet: number
        errors.unreachable: number
        histograms
        histograms.chat_rtt: string
        histograms.encoding: string
        histograms.fanout: string
        histograms.ping_rtt: string
        histograms.registration: string
        histograms.unit: string
        latency
        latency.avg: number
        latency.max: number
        latency.min: number
        latency.p50: number
        latency.p90: number
        latency.p95: number
        latency.p999: number
        latency.p99: number
        latency.samples: number
        messages_received: number
        messages_sent: number
        peak_connected_bots: number
        ping_latency
        ping_latency.avg: number
        ping_latency.max: number
        ping_latency.min: number
        ping_latency.p50: number
        ping_latency.p90: number
        ping_latency.p95: number
        ping_latency.p999: number
        ping_latency.p99: number
        ping_latency.samples: number
        protocol_errors
        ramp
        ramp.asked_per_s: number
        ramp.effective_avg_per_s: number
        ramp.effective_peak_per_s: number
        ramp.effective_per_s: number
        ramp.handshake_window: number
        ramp.handshakes_in_flight: number
        ramp.limit: string
        ramp.peak_handshake_window: number
        ramp.peak_handshakes_in_flight: number
        rates
        rates.bytes_received
        rates.bytes_received.avg_per_s: number
        rates.bytes_received.peak_per_s: number
        rates.bytes_received.peak_t: number
        rates.bytes_sent
        rates.bytes_sent.avg_per_s: number
        rates.bytes_sent.peak_per_s: number
        rates.bytes_sent.peak_t: number
        rates.connects
        rates.connects.avg_per_s: number
        rates.connects.peak_per_s: number
        rates.connects.peak_t: number
        rates.duration_s: number
        rates.errors
        rates.errors.avg_per_s: number
        rates.errors.peak_per_s: number
        rates.errors.peak_t: number
        rates.messages_received
        rates.messages_received.avg_per_s: number
        rates.messages_received.peak_per_s: number
        rates.messages_received.peak_t: number
        rates.messages_sent
        rates.messages_sent.avg_per_s: number
        rates.messages_sent.peak_per_s: number
        rates.messages_sent.peak_t: number
        registration_latency
        registration_latency.avg: number
        registration_latency.max: number
        registration_latency.min: number
        registration_latency.p50: number
        registration_latency.p90: number
        registration_latency.p95: number
        registration_latency.p999: number
        registration_latency.p99: number
        registration_latency.samples: number
        run
        run.duration_s: number
        run.ended_at: string
        run.host: string
        run.machine
        run.machine.cpus: number
        run.machine.host_name: string
        run.machine.os: string
        run.machine.runtime: string
        run.options
        run.options.chat_interval_max_s: number
        run.options.chat_interval_min_s: number
        run.options.connect_timeout_s: number
        run.options.encoding: string
        run.options.key_sha256: string
        run.options.heartbeat_interval_s: number
        run.options.max_frame: number
        run.options.max_reconnects: null
        run.options.name_prefix: string
        run.options.ping_interval_s: number
        run.options.response_timeout_s: number
        run.options.tagged: bool
        run.port: number
        run.ramp_per_s: number
        run.run_id: string
        run.started_at: string
        run.state: string
        run.target_bots: number
        run.tool: string
        run.tool_version: string
        run.written_at: string
        test_running: bool
        thresholds[]
        thresholds[].abort
        thresholds[].expr
        thresholds[].grace_s
        thresholds[].limit
        thresholds[].measured
        thresholds[].metric
        thresholds[].op
        thresholds[].passed
        thresholds[].unit
        thresholds[].window_s
        timeline[]
        timeline[].bytes_received_per_s
        timeline[].bytes_sent_per_s
        timeline[].chat
        timeline[].chat.max
        timeline[].chat.p50
        timeline[].chat.p90
        timeline[].chat.p99
        timeline[].chat.samples
        timeline[].connects
        timeline[].effective_ramp_per_s
        timeline[].errors
        timeline[].errors_by_class
        timeline[].fanout
        timeline[].fanout.max
        timeline[].fanout.p50
        timeline[].fanout.p90
        timeline[].fanout.p99
        timeline[].fanout.samples
        timeline[].handshake_window
        timeline[].handshakes_in_flight
        timeline[].online
        timeline[].p50
        timeline[].p99
        timeline[].ping
        timeline[].ping.max
        timeline[].ping.p50
        timeline[].ping.p90
        timeline[].ping.p99
        timeline[].ping.samples
        timeline[].received
        timeline[].received_per_s
        timeline[].registration
        timeline[].registration.max
        timeline[].registration.p50
        timeline[].registration.p90
        timeline[].registration.p99
        timeline[].registration.samples
        timeline[].registration_p99
        timeline[].sent
        timeline[].sent_per_s
        timeline[].states
        timeline[].states.connecting
        timeline[].states.failed
        timeline[].states.online
        timeline[].states.reconnecting
        timeline[].states.registering
        timeline[].states.stopped
        timeline[].states.stopping
        timeline[].t
        timeline[].target
        total_bots: number
        totals
        totals.bytes_received: number
        totals.bytes_sent: number
        totals.connects: number
        totals.frames_received: number
        totals.frames_sent: number
        totals.goodbyes_acknowledged: number
        totals.goodbyes_sent: number
        totals.pings_sent: number
        totals.pongs_received: number
        totals.reconnects: number
        totals.state_transitions: number
        """.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
}
