namespace LoadTestTui.Core.Engine;

/// <summary>
/// One second of a run: the figures at the end of second <see cref="T"/> (elapsed seconds), rates
/// over that second, and chat-echo percentiles of the echoes completed within it.
/// </summary>
public readonly record struct TimelineRow(
    int T,
    int Online,
    long Sent,
    long Received,
    double SentPerSecond,
    double ReceivedPerSecond,
    double P50Ms,
    double P99Ms,
    long Errors,
    long Connects);
