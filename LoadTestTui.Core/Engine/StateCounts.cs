namespace LoadTestTui.Core.Engine;

/// <summary>How many bots are in each state at a tick.</summary>
public readonly record struct StateCounts(int Idle, int Connecting, int Registering, int Online, int Reconnecting, int Stopping, int Stopped, int Failed);
