using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>How many bots are in each state at a tick.</summary>
public readonly record struct StateCounts(int Idle, int Connecting, int Registering, int Online, int Reconnecting, int Stopping, int Stopped, int Failed)
{
    public int this[BotState state] => state switch
    {
        BotState.Idle => Idle,
        BotState.Connecting => Connecting,
        BotState.Registering => Registering,
        BotState.Online => Online,
        BotState.Reconnecting => Reconnecting,
        BotState.Stopping => Stopping,
        BotState.Stopped => Stopped,
        _ => Failed,
    };
}
