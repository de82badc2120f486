using LoadTestTui.Core.Engine;
using Microsoft.Extensions.Time.Testing;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A fake clock for an engine's tick and run schedule: time moves only when the test steps it, one
/// tick at a time, and each step waits until the engine has published that tick's snapshot. The
/// bots still live in real time (sockets, replies, pings); only the plan, ramp and windows wait.
/// </summary>
internal sealed class SteppedClock
{
    private readonly FakeTimeProvider _time = new();

    public TimeProvider Time => _time;

    /// <summary>An engine driven by this clock.</summary>
    public BotEngine Engine(Core.Bots.BotOptions bots, EngineOptions options) => new(bots, options with { TimeProvider = _time });

    /// <summary>Moves time on by one tick and waits for that tick's snapshot.</summary>
    public async Task StepAsync(BotEngine engine)
    {
        var tick = engine.Options.Tick;
        var due = engine.Latest.Elapsed + tick;
        _time.Advance(tick);
        await Wait.UntilAsync(() => engine.Latest.Elapsed >= due || engine.Latest.State == RunState.Stopped, Eventually.DefaultTimeout,
            $"the engine's tick at {due.TotalSeconds:0.0##} s");
    }

    /// <summary>Moves time on by <paramref name="span"/>, tick by tick.</summary>
    public async Task AdvanceAsync(BotEngine engine, TimeSpan span)
    {
        for (var moved = TimeSpan.Zero; moved < span; moved += engine.Options.Tick)
            await StepAsync(engine);
    }

    /// <summary>
    /// Steps time on a tick every 10 ms of real time until the latest snapshot satisfies <paramref name="condition"/>
    /// (what the bots do in real time shows up at the next tick); fails after <paramref name="timeout"/> of real time.
    /// </summary>
    public async Task StepUntilAsync(BotEngine engine, Func<EngineSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Eventually.DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!condition(engine.Latest))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"not within {limit.TotalSeconds:0.#} s: {what}; at {engine.Latest.Elapsed.TotalSeconds:0.0##} s of engine time");
            await StepAsync(engine);
            await Task.Delay(10);
        }
    }
}
