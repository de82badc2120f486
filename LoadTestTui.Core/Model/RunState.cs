namespace LoadTestTui.Core.Model;

public enum RunState
{
    /// <summary>No run has started.</summary>
    Idle,

    /// <summary>Bots are being started at the ramp rate.</summary>
    Ramping,
    Running,

    /// <summary>Bots are saying goodbye.</summary>
    Stopping,

    /// <summary>A run ended; its figures stay in the snapshot until the next start.</summary>
    Stopped,
}
