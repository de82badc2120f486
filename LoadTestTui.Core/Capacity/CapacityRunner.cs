using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Core.Capacity;

/// <summary>
/// Runs a capacity search on an engine: one run, scaled to each step's count; after the ramp
/// and the settle time, the step is judged on its own window of samples
/// (<see cref="ILoadEngine.FiguresSince"/>) and the monitor's samples of the same span.
/// <see cref="CapacitySearch"/> decides the next step. Progress is published in <see cref="Status"/>.
/// </summary>
public sealed class CapacityRunner(ILoadEngine engine, CapacityOptions options, Func<IReadOnlyList<MonitorSnapshot>?>? monitor = null, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private CapacityStatus _status = CapacityStatus.Starting;

    public CapacityStatus Status => Volatile.Read(ref _status);

    /// <summary>Called after each step with its number from 1 (on the runner's thread); for printing the table as it grows.</summary>
    public event Action<int, StepResult>? StepCompleted;

    /// <summary>Runs the search to its answer, then stops the run. Cancelling stops it with the answer so far.</summary>
    public async Task<CapacityAnswer> RunAsync(CancellationToken cancellationToken)
    {
        var steps = new List<StepResult>();
        var decision = CapacitySearch.Decide(options, steps);
        try
        {
            while (decision.NextBots is { } bots)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var step = await MeasureAsync(bots, decision.Phase, steps.Count == 0, cancellationToken).ConfigureAwait(false);
                steps.Add(step);
                StepCompleted?.Invoke(steps.Count, step);
                decision = CapacitySearch.Decide(options, steps);
                Publish(decision.Phase, null, steps, decision.Answer);
            }
        }
        catch (OperationCanceledException)
        {
            var good = steps.Where(s => s.Passed).Select(s => (int?)s.Bots).Max();
            var bad = steps.Where(s => !s.Passed).MinBy(s => s.Bots);
            decision = CapacityDecision.Done(new CapacityAnswer(good, bad?.Bots, bad?.FailureText, false, "cancelled"));
            Publish("cancelled", null, steps, decision.Answer);
        }
        finally
        {
            await engine.StopAsync().ConfigureAwait(false);
        }
        return decision.Answer!;
    }

    private async Task<StepResult> MeasureAsync(int bots, string phase, bool first, CancellationToken cancellationToken)
    {
        var steps = Status.Steps;
        Publish($"{phase}: ramping to {bots:N0}", bots, steps, null);
        if (first)
            engine.Start(bots);
        else
            engine.ScaleTo(bots);
        await WaitForRampAsync(bots, cancellationToken).ConfigureAwait(false);

        Publish($"{phase}: settling {bots:N0}", bots, steps, null);
        await Task.Delay(options.Settle, _clock, cancellationToken).ConfigureAwait(false);

        Publish($"{phase}: measuring {bots:N0}", bots, steps, null);
        var from = engine.SnapshotNow();
        await Task.Delay(options.Measure, _clock, cancellationToken).ConfigureAwait(false);
        var run = engine.FiguresSince(from.Elapsed);
        var to = engine.Latest;
        var server = monitor?.Invoke() is { } samples ? ServerFigures.Of(samples, from.Timestamp, to.Timestamp) : null;
        var figures = new FigureSet(run, server);
        return new StepResult(bots, run.Online, from.Elapsed, to.Elapsed, figures, ThresholdEvaluator.Evaluate(options.Slo, figures), Fatal(run, to, monitor?.Invoke()));
    }

    /// <summary>Waits until the run has started every bot of the step (or the ramp timeout); a stopped run ends the wait.</summary>
    private async Task WaitForRampAsync(int bots, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + options.RampTimeout;
        while (_clock.GetUtcNow() < deadline)
        {
            var latest = engine.Latest;
            if (latest.State is RunState.Stopped or RunState.Idle || (latest.State == RunState.Running && latest.TotalBots >= bots))
                return;
            await Task.Delay(engine.Options.Tick, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Why the search cannot go on after this step: no bot online through the window, the run ended, or the monitored server is gone.</summary>
    private static string? Fatal(RunFigures run, EngineSnapshot latest, IReadOnlyList<MonitorSnapshot>? monitor)
    {
        if (latest.State is RunState.Stopped or RunState.Idle)
            return "the run was stopped";
        if (monitor is { Count: > 0 } && monitor[^1].Process is null)
            return $"the monitored server is gone ({monitor[^1].Status})";
        if (run.Online == 0 && run.OnlineRatio is null or 0)
        {
            var top = run.ErrorsByKind.Where(e => e.Value > 0).OrderByDescending(e => e.Value).Select(e => ErrorKinds.Name(e.Key)).FirstOrDefault();
            return "no bot stayed online: the server is down or refusing" + (top is null ? "" : $" ({top})");
        }
        return null;
    }

    private void Publish(string state, int? current, IReadOnlyList<StepResult> steps, CapacityAnswer? answer) =>
        Volatile.Write(ref _status, new CapacityStatus(state, current, answer?.Holds ?? steps.Where(s => s.Passed).Select(s => (int?)s.Bots).Max(), [.. steps], answer));
}
