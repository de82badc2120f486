using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Core.Verdicts;

/// <summary>
/// Judges thresholds live, once per engine tick, for the dashboard and the headless printer,
/// and stops the run when an abort threshold fails after its grace period. It only reads
/// snapshots and calls <see cref="ILoadEngine.StopAsync"/> (bots in this process or a cluster alike); the final verdict is judged on the
/// final snapshot by whoever writes the results.
/// </summary>
public sealed class ThresholdWatch
{
    private readonly ILoadEngine _engine;
    private readonly Func<IReadOnlyList<MonitorSnapshot>?> _monitor;
    private IReadOnlyList<ThresholdResult> _latest = [];
    private ThresholdResult? _abortedBy;

    public ThresholdWatch(ILoadEngine engine, IReadOnlyList<Threshold> thresholds, Func<IReadOnlyList<MonitorSnapshot>?>? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(thresholds);
        _engine = engine;
        Thresholds = thresholds;
        _monitor = monitor ?? (() => null);
        foreach (var window in thresholds.Select(t => t.Window).OfType<TimeSpan>().Distinct())
            engine.TrackWindow(window);
    }

    public IReadOnlyList<Threshold> Thresholds { get; }

    /// <summary>The thresholds as judged on the latest running snapshot (empty before the first).</summary>
    public IReadOnlyList<ThresholdResult> Latest => Volatile.Read(ref _latest);

    /// <summary>The failure that stopped the run, if one did.</summary>
    public ThresholdResult? AbortedBy => Volatile.Read(ref _abortedBy);

    /// <summary>Judges on every tick until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Thresholds.Count == 0)
            return;
        using var timer = new PeriodicTimer(_engine.Options.Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                Check(_engine.Latest);
        }
        catch (OperationCanceledException)
        {
            // Done watching.
        }
    }

    /// <summary>One judgement of <paramref name="snapshot"/>; returns the abort cause when this call stopped the run.</summary>
    public ThresholdResult? Check(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.State is not (RunState.Ramping or RunState.Running))
            return null;
        var results = ThresholdEvaluator.Evaluate(Thresholds, snapshot, _monitor());
        Volatile.Write(ref _latest, results);
        if (ThresholdEvaluator.AbortCause(results, snapshot.Elapsed) is not { } cause || Interlocked.CompareExchange(ref _abortedBy, cause, null) is not null)
            return null;
        _ = _engine.StopAsync();
        return cause;
    }
}
