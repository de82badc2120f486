using System.Text.Json.Serialization;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Core.Export;

/// <summary>
/// A run's rates as a whole: the average (total over the run's elapsed time) and the peak second
/// of its timeline. A snapshot's own rates are the last tick's, which once the bots have left is 0,
/// so a final summary or a results file must show these instead.
/// </summary>
public sealed record RunRates(
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("messages_sent")] RateFigure MessagesSent,
    [property: JsonPropertyName("messages_received")] RateFigure MessagesReceived,
    [property: JsonPropertyName("bytes_sent")] RateFigure BytesSent,
    [property: JsonPropertyName("bytes_received")] RateFigure BytesReceived,
    [property: JsonPropertyName("connects")] RateFigure Connects,
    [property: JsonPropertyName("errors")] RateFigure Errors)
{
    public static RunRates Of(EngineSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        // Averages over the duration as written (ms), so a reader dividing the file's totals gets the same figure.
        var seconds = Math.Round(s.Elapsed.TotalSeconds, 3);
        var rows = s.Timeline;
        return new RunRates(
            seconds,
            Figure(s.MessagesSent, seconds, rows, r => r.SentPerSecond),
            Figure(s.MessagesReceived, seconds, rows, r => r.ReceivedPerSecond),
            Figure(s.BytesSent, seconds, rows, r => r.BytesSentPerSecond),
            Figure(s.BytesReceived, seconds, rows, r => r.BytesReceivedPerSecond),
            Figure(s.Connects, seconds, rows, Growth(rows, r => r.Connects)),
            Figure(s.ErrorCount, seconds, rows, Growth(rows, r => r.Errors)));
    }

    /// <summary>The ramp's starts per second over the seconds it started bots, and its busiest second; null when it started none.</summary>
    public static RateFigure? Ramp(EngineSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var ramping = s.Timeline.Where(r => r.EffectiveRampPerSecond > 0).ToList();
        if (ramping.Count == 0)
            return null;
        var peak = ramping.MaxBy(r => r.EffectiveRampPerSecond);
        return new RateFigure(Math.Round(ramping.Average(r => r.EffectiveRampPerSecond), 3), Math.Round(peak.EffectiveRampPerSecond, 3), peak.T);
    }

    private static RateFigure Figure(long total, double seconds, IReadOnlyList<TimelineRow> rows, Func<TimelineRow, double> perSecond)
    {
        var average = seconds > 0 ? total / seconds : 0;
        if (rows.Count == 0)
            return new RateFigure(Math.Round(average, 3), Math.Round(average, 3), null); // shorter than a second: the whole run is its only span
        var peak = rows.MaxBy(perSecond);
        return new RateFigure(Math.Round(average, 3), Math.Round(perSecond(peak), 3), peak.T);
    }

    /// <summary>A cumulative column's growth per second between rows (rows close about once a second, so over their T difference).</summary>
    private static Func<TimelineRow, double> Growth(IReadOnlyList<TimelineRow> rows, Func<TimelineRow, long> total)
    {
        var byT = new Dictionary<int, double>(rows.Count);
        var (previousT, previousTotal) = (0, 0L);
        foreach (var row in rows)
        {
            byT[row.T] = Math.Max(0, total(row) - previousTotal) / (double)Math.Max(1, row.T - previousT);
            (previousT, previousTotal) = (row.T, total(row));
        }
        return r => byT[r.T];
    }
}

/// <summary>A rate over the whole run and at its busiest timeline second (<c>peak_t</c>: that second; null without one).</summary>
public sealed record RateFigure(
    [property: JsonPropertyName("avg_per_s")] double AveragePerSecond,
    [property: JsonPropertyName("peak_per_s")] double PeakPerSecond,
    [property: JsonPropertyName("peak_t")] int? PeakT);
