using System.Diagnostics;
using System.Threading.Tasks.Sources;
using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// The one thing a bot awaits: sleep until a due time or until poked, then look again. A bot's
/// code is a series of "check the state, act, sleep until the next due time"; whatever changes
/// the state (a frame, the connection ending, a stop) pokes the sleeper rather than completing a
/// task of its own, so a bot needs no cancellation sources or completion sources per connection.
/// Reused for the bot's whole life: awaiting it allocates nothing, and the sleeper always resumes
/// on its loop's thread, never inside the poker's call.
/// </summary>
internal sealed class LoopTimer : IValueTaskSource
{
    private static readonly Action<object?> WakePosted = static state => ((LoopTimer)state!).Wake();

    private readonly EventLoop _loop;
    private ManualResetValueTaskSourceCore<bool> _core; // continuations run inline: on the loop thread that completes it
    private int _generation; // these two only on the loop thread
    private bool _waiting;
    private int _poked;

    public LoopTimer(EventLoop loop) => _loop = loop;

    public EventLoop Loop => _loop;

    /// <summary>
    /// Sleeps until <paramref name="due"/> (<see cref="MonoClock"/> ticks; <see cref="long.MaxValue"/>
    /// for "until poked") or until poked, on the loop thread. Returns at once when poked since the
    /// last sleep or already due. Callers re-check what they wait for after every return.
    /// </summary>
    public ValueTask Sleep(long due)
    {
        Debug.Assert(_loop.IsCurrent, "a bot sleeps on its own loop");
        if (Interlocked.Exchange(ref _poked, 0) != 0 || due <= MonoClock.Now)
            return default;
        Begin();
        if (due != long.MaxValue)
            _loop.Arm(this, _generation, due);
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Continues on the loop thread: at once when already there, else after the work already posted to it.</summary>
    public LoopSwitch SwitchToLoop() => new(_loop);

    /// <summary>Ends the current sleep early, or the next one at once; safe from any thread.</summary>
    public void Poke()
    {
        Volatile.Write(ref _poked, 1);
        if (_loop.IsCurrent)
            _loop.Ready(this); // after the current pass: never run the sleeper inside a frame handler
        else
            _loop.Post(WakePosted, this);
    }

    /// <summary>An armed due time came (loop thread); stale arms of earlier sleeps are ignored.</summary>
    internal void Fire(int generation)
    {
        if (_waiting && generation == _generation)
            Complete();
    }

    /// <summary>A poke reached the loop thread.</summary>
    internal void Wake()
    {
        if (!_waiting)
            return;
        Volatile.Write(ref _poked, 0);
        Complete();
    }

    private void Begin()
    {
        _core.Reset();
        _generation++;
        _waiting = true;
    }

    private void Complete()
    {
        _waiting = false;
        _core.SetResult(true);
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
