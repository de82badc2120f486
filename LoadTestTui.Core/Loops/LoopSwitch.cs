using System.Runtime.CompilerServices;

namespace LoadTestTui.Core.Loops;

/// <summary>
/// Awaiting it continues on <see cref="EventLoop"/>'s thread. The continuation itself is posted,
/// so it can never run on the awaiting thread by losing a race with the loop.
/// </summary>
internal readonly struct LoopSwitch(EventLoop loop) : ICriticalNotifyCompletion
{
    private static readonly Action<object?> RunPosted = static state => ((Action)state!)();

    public LoopSwitch GetAwaiter() => this;

    public bool IsCompleted => loop.IsCurrent;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => loop.Post(RunPosted, continuation);

    public void UnsafeOnCompleted(Action continuation) => loop.Post(RunPosted, continuation);

    /// <summary>For <c>ConfigureAwait(false)</c> call sites: the loop has no context to capture.</summary>
    public LoopSwitch ConfigureAwait(bool continueOnCapturedContext) => this;
}
