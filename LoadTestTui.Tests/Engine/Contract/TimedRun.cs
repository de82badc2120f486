using System.Diagnostics;
using System.Text.Json.Nodes;
using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Verdicts;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>
/// The contract's one finished run, as <c>loadtest run --duration --threshold --output</c> makes it:
/// <see cref="Bots"/> bots for <see cref="Duration"/>, thresholds watched live (which tracks their
/// window), the results JSON written by the real exporter once the run completed, then the engine
/// disposed. Chat waits until every bot is online and pauses at <see cref="PauseAt"/>, so every
/// delivery's count is exact: a chat sent while receivers register can reach one the sender did
/// not count yet, and a stop does not wait for chats in flight (their receivers leave). Everything
/// the contract's finished-run tests read is recorded here, so each engine runs it once.
/// </summary>
internal static class TimedRun
{
    /// <summary>More than the 64 audit receivers, so the audit is a sample.</summary>
    public const int Bots = 80;

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(6);

    /// <summary>Long enough before the end for every chat in flight to arrive.</summary>
    public static readonly TimeSpan PauseAt = Duration - TimeSpan.FromSeconds(1.5);

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>Each threshold and whether it must pass: delivery ones, latency ones (one windowed: pings go on while chat is paused), and one no run can pass.</summary>
    public static IReadOnlyList<(string Text, bool Passes)> Thresholds { get; } =
    [
        ("delivery.ratio >= 99.9%", true),
        ("delivery.lost == 0", true),
        ("echo.p99 < 10s", true),
        ("ping.p99 < 10s over 2s", true),
        ("echo.min > 60s", false),
    ];

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Chatting every 0.5-1 s: 80 bots fanning out to each other stay light on two shared cores.</summary>
    public static BotOptions BotOptions(int port) => TestServers.FastBots(port) with
    {
        ChatIntervalMin = TimeSpan.FromSeconds(0.5),
        ChatIntervalMax = TimeSpan.FromSeconds(1),
    };

    public static async Task<TimedRunRecord> RunAsync(Func<Func<int, BotOptions>, EngineOptions, Task<EngineUnderTest>> start)
    {
        using var folder = new TempDirectory();
        await using var rig = await start(BotOptions, TestServers.FastEngine);
        var engine = rig.Engine;
        var thresholds = Thresholds.Select(t => TestThresholds.Parse(t.Text)).ToList();
        var watch = new ThresholdWatch(engine, thresholds);
        var states = new List<RunState>();
        var feedEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = engine.Snapshots.Subscribe(
            s =>
            {
                // Runs on the engine's tick thread, one snapshot at a time.
                lock (states)
                {
                    if (states.Count == 0 || states[^1] != s.State)
                        states.Add(s.State);
                }
            },
            () => feedEnded.TrySetResult());

        var clock = Stopwatch.StartNew();
        engine.Start(Bots, Duration);
        engine.SetChatPaused(true);
        var stateAtCompletion = engine.RunCompletion.ContinueWith(_ => engine.Latest.State, TaskScheduler.Default);
        await Wait.UntilAsync(() => engine.Latest.States.Online == Bots, Duration, $"{Bots} bots online within the run's {Duration.TotalSeconds} s");
        engine.SetChatPaused(false);
        await Wait.UntilAsync(() => engine.Latest.Elapsed >= PauseAt, Patience, $"the run at {PauseAt.TotalSeconds} s");
        var atPause = engine.Latest;
        engine.SetChatPaused(true);
        await Wait.ForAsync(engine.RunCompletion, Patience, "the run ends after its duration");
        var wall = clock.Elapsed;
        var final = engine.Latest;
        var document = Path.Combine(folder.Path, "results.json");
        var written = await new RunArtifacts(engine.BotOptions, thresholds: thresholds).WriteJsonAsync(document, final);
        Assert.IsTrue(written.Success, written.Error);
        var endedBeforeDispose = feedEnded.Task.IsCompleted;
        var serverChats = rig.Server.Stats.Chats;

        await engine.DisposeAsync();
        var endedOnDispose = await Task.WhenAny(feedEnded.Task, Task.Delay(TimeSpan.FromSeconds(10))) == feedEnded.Task;
        var parsed = JsonNode.Parse(await File.ReadAllTextAsync(document))!.AsObject();
        var atCompletion = await stateAtCompletion;
        lock (states)
        {
            return new TimedRunRecord
            {
                States = [.. states],
                StateAtCompletion = atCompletion,
                AtPause = atPause,
                Final = final,
                Wall = wall,
                Document = parsed,
                FeedEndedBeforeDispose = endedBeforeDispose,
                FeedEndedOnDispose = endedOnDispose,
                ServerChats = serverChats,
            };
        }
    }
}

/// <summary>What <see cref="TimedRun"/> saw.</summary>
internal sealed record TimedRunRecord
{
    /// <summary>The states of the feed's snapshots, each change once, from subscribing (before the start) to the dispose.</summary>
    public required IReadOnlyList<RunState> States { get; init; }

    /// <summary><see cref="ILoadEngine.Latest"/>'s state when <see cref="ILoadEngine.RunCompletion"/> completed.</summary>
    public required RunState StateAtCompletion { get; init; }

    /// <summary>The latest snapshot when chat was paused.</summary>
    public required EngineSnapshot AtPause { get; init; }

    /// <summary>The engine's latest snapshot once the run completed: the one exported.</summary>
    public required EngineSnapshot Final { get; init; }

    /// <summary>From the start call to the run's completion, on the test's clock.</summary>
    public required TimeSpan Wall { get; init; }

    /// <summary>The results JSON as written to the file.</summary>
    public required JsonObject Document { get; init; }

    public required bool FeedEndedBeforeDispose { get; init; }

    public required bool FeedEndedOnDispose { get; init; }

    /// <summary>Chats the reference server received over the run.</summary>
    public required long ServerChats { get; init; }
}
