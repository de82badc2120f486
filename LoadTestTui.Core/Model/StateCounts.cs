namespace LoadTestTui.Core.Model;

/// <summary>How many bots are in each state at a tick.</summary>
public readonly record struct StateCounts(int Idle, int Connecting, int Registering, int Online, int Reconnecting, int Stopping, int Stopped, int Failed)
{
    public static StateCounts operator +(StateCounts a, StateCounts b) => new(
        a.Idle + b.Idle, a.Connecting + b.Connecting, a.Registering + b.Registering, a.Online + b.Online,
        a.Reconnecting + b.Reconnecting, a.Stopping + b.Stopping, a.Stopped + b.Stopped, a.Failed + b.Failed);

    public static StateCounts operator -(StateCounts a, StateCounts b) => new(
        a.Idle - b.Idle, a.Connecting - b.Connecting, a.Registering - b.Registering, a.Online - b.Online,
        a.Reconnecting - b.Reconnecting, a.Stopping - b.Stopping, a.Stopped - b.Stopped, a.Failed - b.Failed);
}
