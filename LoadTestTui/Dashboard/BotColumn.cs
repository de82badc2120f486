namespace LoadTestTui.Dashboard;

/// <summary>The columns of the Bots table, in display order (also the sort keys).</summary>
public enum BotColumn
{
    Id,
    Name,
    State,
    Sent,
    Received,
    LastRtt,
    AvgRtt,
    Reconnects,
    LastError,
}
