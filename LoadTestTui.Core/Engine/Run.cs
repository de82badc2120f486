using LoadTestTui.Core.Bots;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// One run: its bots, target, ramp and end. Mutated only under the engine's lock (by commands
/// and the tick), except the stop sequence, which runs on its own and publishes its end.
/// </summary>
internal sealed class Run(RunContext context, int target, TimeSpan? duration, double rampPerSecond)
{
    private readonly List<Bot> _bots = [];
    // The run's schedule follows the engine's clock (TimeProvider timestamps, not MonoClock ticks).
    private readonly TimeProvider _clock = context.Clock;
    private readonly long _startTicks = context.Clock.GetTimestamp();
    private long _endTicks;
    private long _rampStartTicks = context.Clock.GetTimestamp();
    private int _startedInRamp;
    private long _started;
    private int _assigned;
    private Task? _stopping;

    public RunContext Context { get; } = context;
    public int Target { get; set; } = target;
    public TimeSpan? Duration { get; } = duration;
    public double RampPerSecond { get; } = rampPerSecond;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.Now;
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bots in id order (index = id - first id), including ones scaled away.</summary>
    public IReadOnlyList<Bot> Bots => _bots;

    /// <summary>Bots that belong to the target set (started and not scaled away).</summary>
    public int Assigned => _assigned;

    public bool Stopping => _stopping is not null;

    public bool IsActive => !Ended.Task.IsCompleted;

    public bool Ramping => !Stopping && _assigned < Target;

    public TimeSpan Elapsed
    {
        get
        {
            var end = Volatile.Read(ref _endTicks);
            return _clock.GetElapsedTime(_startTicks, end == 0 ? _clock.GetTimestamp() : end);
        }
    }

    public void RestartRamp()
    {
        _rampStartTicks = _clock.GetTimestamp();
        _startedInRamp = 0;
    }

    /// <summary>Bots started by the ramp over the run (first connections, not reconnects).</summary>
    public long Started => Volatile.Read(ref _started);

    /// <summary>Whether the handshake window, not the ramp rate, held back the last step.</summary>
    public bool WindowLimited { get; private set; }

    /// <summary>
    /// Starts as many bots as the ramp allows by now and the handshake window has room for,
    /// reusing bots scaled away earlier. Time the window held the ramp back is banked for at
    /// most one second, so a ramp resumes at its rate rather than in a burst.
    /// </summary>
    public void StartDueBots()
    {
        var allowed = RampSchedule.StartedBy(_clock.GetElapsedTime(_rampStartTicks), RampPerSecond, int.MaxValue);
        var due = Math.Min(Target - _assigned, allowed - _startedInRamp);
        var window = Context.Handshakes;
        var started = 0;
        for (var reuse = 0; started < due && window.TryBegin(); started++)
        {
            var bot = NextReusable(ref reuse) ?? AddBot();
            bot.Assigned = true;
            if (!bot.Start())
                window.Abandoned();
            _assigned++;
            _startedInRamp++;
        }
        Interlocked.Add(ref _started, started);
        WindowLimited = started < due;
        if (WindowLimited)
            _startedInRamp = Math.Max(_startedInRamp, allowed - (int)Math.Min(int.MaxValue, Math.Ceiling(RampPerSecond)));
    }

    /// <summary>Wakes every bot to look at its behaviour again (a stage the engine pinned, under a clock bots do not follow).</summary>
    public void WakeBots()
    {
        foreach (var bot in _bots)
            bot.Wake();
    }

    /// <summary>Sends the highest-numbered assigned bots away until <paramref name="count"/> remain.</summary>
    public void TrimTo(int count)
    {
        for (var i = _bots.Count - 1; i >= 0 && _assigned > count; i--)
        {
            if (!_bots[i].Assigned)
                continue;
            _bots[i].Assigned = false;
            _bots[i].RequestStop();
            _assigned--;
        }
    }

    /// <summary>Asks every bot to say goodbye; cuts the stragglers after <paramref name="timeout"/>. Idempotent.</summary>
    public Task BeginStop(TimeSpan timeout, ILogger logger) => _stopping ??= StopAsync(timeout, logger);

    private async Task StopAsync(TimeSpan timeout, ILogger logger)
    {
        Context.Events.Add(EventLevel.Info, $"stopping {_assigned} bots");
        foreach (var bot in _bots)
            bot.RequestStop();
        var all = Task.WhenAll(_bots.Select(b => b.Completion));
        try
        {
            await all.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var stragglers = _bots.Count(b => !b.Completion.IsCompleted);
            Context.Events.Add(EventLevel.Warning, $"{stragglers} bots did not finish their goodbye within {timeout.TotalSeconds:0.#} s: cut");
            await Context.HardStop.CancelAsync().ConfigureAwait(false);
            foreach (var bot in _bots)
                bot.Cut();
            try
            {
                await all.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                logger.LogError("{Count} bots still running 10 s after being cut", _bots.Count(b => !b.Completion.IsCompleted));
            }
        }
        Volatile.Write(ref _endTicks, _clock.GetTimestamp());
        Context.Events.Add(EventLevel.Info, $"run stopped after {Elapsed.TotalSeconds:0.0} s");
        Ended.TrySetResult();
    }

    private Bot? NextReusable(ref int from)
    {
        for (; from < _bots.Count; from++)
        {
            var bot = _bots[from];
            if (!bot.Assigned && bot.Completion.IsCompleted)
                return bot;
        }
        return null;
    }

    private Bot AddBot()
    {
        var bot = new Bot(Context.Options.FirstBotId + _bots.Count, Context);
        _bots.Add(bot);
        Context.Bots.Add(bot);
        return bot;
    }
}
