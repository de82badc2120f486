namespace LoadTestTui.Core.Model;

public enum EventLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>A notable happening (bot failure, reconnect storm, protocol error) for logs and the Log pane. Text is sanitized.</summary>
public readonly record struct EngineEvent(DateTimeOffset Time, EventLevel Level, string Message);
