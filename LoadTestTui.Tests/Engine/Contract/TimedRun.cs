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
/// disposed. Chat waits until every bot is online and pauses once every bot's chat has gone round
/// (at <see cref="PauseBy"/> at the latest), so every delivery's count is exact: a chat sent while
/// receivers register can reach one the sender did not count yet, and a stop does not wait for
/// chats in flight (their receivers leave). Phases follow the figures, not the clock: the machine
/// is shared, and a controller's figures come a few ticks late. Everything the contract's
/// finished-run tests read is recorded here, so each engine runs it once.
/// </summary>
internal static class TimedRun
{
    /// <summary>More than the 64 audit receivers, so the audit is a sample.</summary>
    public const int Bots = 80;

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(12);

    /// <summary>Long enough before the end for every chat in flight to arrive, and for a controller's figures to catch up (seconds, on a busy machine).</summary>
    public static readonly TimeSpan PauseBy = Duration - TimeSpan.FromSeconds(5);

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

    /// <summary>Chatting every 1-2 s: 80 bots fanning out to each other stay light on two shared cores.</summary>
    public static BotOptions BotOptions(int port) => TestServers.FastBots(port) with
    {
        ChatIntervalMin = TimeSpan.FromSeconds(1),
        ChatIntervalMax = TimeSpan.FromSeconds(2),
    };

    public static async Task<TimedRunRecord> RunAsync(Func<Func<int, BotOptions>, EngineOptions, Task<EngineUnderTest>> start)
    {
        using var folder = new TempDirectory();
        await using var rig = await start(BotOptions, TestServers.FastEngine);
        var engine = rig.Engine;
        var thresholds = Thresholds.Select(t => TestThresholds.Parse(t.Text)).ToList();
        _ = new ThresholdWatch(engine, thresholds); // tracks the windows the thresholds name, as loadtest run's watch does
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
        await Wait.UntilAsync(() => engine.Latest.States.Online == Bots, PauseBy, $"{Bots} bots online within {PauseBy.TotalSeconds} s");
        engine.SetChatPaused(false);
        await Wait.UntilAsync(() => engine.Latest is { ChatRtt.Count: >= Bots, Delivery.Received: >= Bots * (Bots - 1) } || engine.Latest.Elapsed >= PauseBy,
            Patience, $"{Bots} echoes and {Bots * (Bots - 1)} deliveries, or the run at {PauseBy.TotalSeconds} s");
        var atPause = engine.Latest;
        engine.SetChatPaused(true);
        var (quietFrom, notQuiet) = await QuietFromAsync(rig, atPause.Elapsed + TimeSpan.FromSeconds(0.5));
        await Wait.ForAsync(engine.RunCompletion, Patience, "the run ends after its duration");
        var wall = clock.Elapsed;
        var final = engine.Latest;
        var sinceStart = engine.FiguresSince(TimeSpan.Zero);
        var sinceQuiet = quietFrom is { } from ? engine.FiguresSince(from) : null;
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
                SinceStart = sinceStart,
                QuietFrom = quietFrom,
                NotQuiet = notQuiet,
                SinceQuiet = sinceQuiet,
                Final = final,
                Wall = wall,
                Document = parsed,
                FeedEndedBeforeDispose = endedBeforeDispose,
                FeedEndedOnDispose = endedOnDispose,
                ServerChats = serverChats,
            };
        }
    }

    /// <summary>
    /// Once chat is paused, the run time from which the engine sends nothing more: the first snapshot after
    /// <paramref name="paused"/> (a snapshot before the pause may match the server by chance) that counts every chat
    /// the server received (a controller's figures arrive in the agents' reports, late on a busy machine).
    /// Null when that did not happen half a second before the run's end.
    /// </summary>
    private static async Task<(TimeSpan? From, string Last)> QuietFromAsync(EngineUnderTest rig, TimeSpan paused)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no running snapshot";
        while (deadline.Elapsed < Patience && rig.Engine.Latest is { State: RunState.Running } s && s.Elapsed < Duration - TimeSpan.FromSeconds(0.5))
        {
            var chats = rig.Server.Stats.Chats;
            if (s.Elapsed >= paused && s.MessagesSent == chats)
                return (s.Elapsed, "");
            last = $"at {s.Elapsed.TotalSeconds:0.00} s the engine counted {s.MessagesSent} chats sent, the server {chats}";
            await Task.Delay(20);
        }
        return (null, last);
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

    /// <summary><see cref="ILoadEngine.FiguresSince"/> run time zero, once the run completed.</summary>
    public required RunFigures SinceStart { get; init; }

    /// <summary>The run time of the first snapshot after the pause that counted every chat the server got (null: none before the run's end).</summary>
    public required TimeSpan? QuietFrom { get; init; }

    /// <summary>Without <see cref="QuietFrom"/>, the last figures seen.</summary>
    public required string NotQuiet { get; init; }

    /// <summary><see cref="ILoadEngine.FiguresSince"/> <see cref="QuietFrom"/>, once the run completed.</summary>
    public required RunFigures? SinceQuiet { get; init; }

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
