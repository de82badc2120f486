using System.Collections.Concurrent;
using System.Collections.Immutable;
using LoadTestTui.Core.Text;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// Events from bots, drained once per tick into the snapshot. Bounded: past the cap per
/// tick, events are counted and summarized in one line, so a reconnect storm of twenty
/// thousand bots cannot flood memory or the Log pane.
/// </summary>
internal sealed class EventLog(int maxPerTick, ILogger logger)
{
    private readonly ConcurrentQueue<EngineEvent> _queue = new();
    private int _queued;
    private long _dropped;

    public void Add(EventLevel level, string message)
    {
        if (Interlocked.Increment(ref _queued) > maxPerTick)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }
        message = TerminalText.Sanitize(message);
        LogTo(logger, level, message);
        _queue.Enqueue(new EngineEvent(DateTimeOffset.Now, level, message));
    }

    private static void LogTo(ILogger logger, EventLevel level, string message)
    {
        var logLevel = level switch { EventLevel.Error => LogLevel.Error, EventLevel.Warning => LogLevel.Warning, _ => LogLevel.Information };
        if (logger.IsEnabled(logLevel))
            logger.Log(logLevel, "{Event}", message);
    }

    public ImmutableArray<EngineEvent> Drain()
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (_queue.IsEmpty && dropped == 0)
            return [];
        var builder = ImmutableArray.CreateBuilder<EngineEvent>();
        while (_queue.TryDequeue(out var e))
        {
            builder.Add(e);
            Interlocked.Decrement(ref _queued);
        }
        if (dropped > 0)
        {
            var summary = $"... and {dropped} more events this tick (suppressed)";
            LogTo(logger, EventLevel.Warning, summary);
            builder.Add(new EngineEvent(DateTimeOffset.Now, EventLevel.Warning, summary));
        }
        return builder.ToImmutable();
    }
}
