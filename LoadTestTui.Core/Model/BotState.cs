namespace LoadTestTui.Core.Model;

/// <summary>A bot's connection state. Every transition is counted by the engine.</summary>
public enum BotState : byte
{
    Idle,
    Connecting,
    Registering,
    Online,
    Reconnecting,
    Stopping,
    Stopped,
    Failed,
}
