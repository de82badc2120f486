using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Loops;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// One simulated chat user: a single async flow that connects, registers, chats, sends
/// heartbeats and pings, reconnects with backoff when dropped, and says goodbye when told to
/// stop. It lives on one <see cref="EventLoop"/>: its code, its connection's frames and its sends
/// all run on that loop's thread, so its state needs no lock. Between actions it sleeps on its
/// <see cref="LoopTimer"/> until the next due time; whatever changes its situation (a frame it
/// waits for, the connection ending, a stop) pokes that sleep, and it looks again. It reports
/// only through the run's counters, recorders and event log; it never touches a UI or console.
/// </summary>
internal sealed partial class Bot : IConnectionOwner
{
    private readonly RunContext _run;
    private readonly BotOptions _options;
    private readonly EventLoop _loop;
    private readonly LoopTimer _timer;
    private int _state = (int)BotState.Idle;
    private volatile bool _stopRequested;
    private LoopConnection? _connection;
    private bool _registered;
    private bool _exitAnswered;
    private bool _errorThisConnection;
    private ErrorKind? _lastErrorKind;

    /// <summary>When the last frame arrived (MonoClock ticks), stamped by the receive path: silence is what times out.</summary>
    private long _lastReceivedTicks;

    public Bot(int id, RunContext run)
    {
        Id = id;
        _run = run;
        _options = run.Options;
        _loop = run.Loops.For(id);
        _timer = new LoopTimer(_loop);
        Name = string.Create(CultureInfo.InvariantCulture, $"{_options.NamePrefix}{id:D4}");
        Interlocked.Increment(ref run.Counters.States[(int)BotState.Idle]);
    }

    public int Id { get; }

    public string Name { get; }

    public BotState State => (BotState)Volatile.Read(ref _state);

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Whether the bot counts toward the run's target; set by the run under the engine's lock.</summary>
    public bool Assigned { get; set; }

    /// <summary>Stopped, or cut by the run's hard stop.</summary>
    private bool Stopped => _stopRequested || _run.HardStop.IsCancellationRequested;

    /// <summary>Starts the bot, which takes over the handshake slot the caller holds; false (slot still the caller's) when already running.</summary>
    public bool Start()
    {
        if (!Completion.IsCompleted)
            return false;
        _stopRequested = false;
        Completion = RunAsync();
        return true;
    }

    /// <summary>Asks the bot to say goodbye and stop; returns at once (the bot hears of it on its loop).</summary>
    public void RequestStop()
    {
        if (_stopRequested)
            return;
        _stopRequested = true;
        _timer.Poke();
    }

    /// <summary>Wakes the bot to notice the run's hard stop.</summary>
    public void Cut() => _timer.Poke();

    /// <summary>Wakes the bot to look at its behaviour again.</summary>
    public void Wake() => _timer.Poke();

    /// <summary>The connection opened, failed or ended: look again.</summary>
    void IConnectionOwner.OnConnectionChanged() => _timer.Poke();

    /// <summary>
    /// The bot's life. The run took a handshake slot for the first connection before starting
    /// the bot; each reconnect waits for its per-bot backoff, then for the crowd's turn and a slot.
    /// </summary>
    private async Task RunAsync()
    {
        var holdsSlot = true;
        try
        {
            await _timer.SwitchToLoop().ConfigureAwait(false); // never on the caller's (engine tick) thread
            var attempt = 0;
            while (!Stopped)
            {
                holdsSlot = false; // the connection ends its handshake, whatever happens
                var wasOnline = await RunConnectionAsync().ConfigureAwait(false);
                if (Stopped)
                    break;
                attempt = wasOnline ? 1 : attempt + 1;
                if (_options.MaxReconnects is { } max && attempt > max)
                {
                    SetState(BotState.Failed);
                    _run.Events.Add(EventLevel.Error, $"{Name} failed after {max} reconnect attempts: {LastError}");
                    return;
                }
                SetState(BotState.Reconnecting);
                var delay = Backoff.Delay(attempt, _options.ReconnectBaseDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
                if (!await PauseAsync(MonoClock.Now + ToTicks(delay)).ConfigureAwait(false) || !await AwaitReconnectTurnAsync().ConfigureAwait(false))
                    break;
                holdsSlot = true;
                _reconnects++;
                Interlocked.Increment(ref _run.Counters.Reconnects);
            }
        }
        catch (Exception ex)
        {
            // A bug must cost one bot, not the run: record it and stop this bot.
            RecordError(ErrorKind.ConnectionReset, $"internal error: {ex.GetType().Name}: {ex.Message}");
            SetState(BotState.Failed);
            return;
        }
        finally
        {
            if (holdsSlot)
                _run.Handshakes.Abandoned();
        }
        SetState(BotState.Stopped);
    }

    /// <summary>Waits for the crowd's next reconnect turn and a free handshake slot; false when the bot is stopped meanwhile.</summary>
    private async ValueTask<bool> AwaitReconnectTurnAsync()
    {
        while (true)
        {
            var turn = _run.Reconnects.Reserve(MonoClock.Now, Random.Shared.NextDouble());
            if (!await PauseAsync(turn).ConfigureAwait(false))
                return false;
            if (_run.Handshakes.TryBegin())
                return true;
        }
    }

    /// <summary>Sleeps until <paramref name="until"/> (MonoClock ticks) unless stopped; false when the bot was told to stop.</summary>
    private async ValueTask<bool> PauseAsync(long until)
    {
        while (!Stopped)
        {
            if (MonoClock.Now >= until)
                return true;
            await _timer.Sleep(until).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>One connection from connect to close, holding a handshake slot until registered; returns whether the bot got online on it.</summary>
    private async ValueTask<bool> RunConnectionAsync()
    {
        SetState(BotState.Connecting);
        _errorThisConnection = false;
        _lastErrorKind = null;
        var began = MonoClock.Now;
        var handshakeOpen = true;
        try
        {
            var connection = await ConnectAsync(began).ConfigureAwait(false);
            if (connection is null)
                return false;
            _run.ConnectTime.Record(MonoClock.MicrosecondsSince(began));
            Interlocked.Increment(ref _run.Counters.Connects);

            BeginConnection(connection);
            var online = false;
            try
            {
                SetState(BotState.Registering);
                if (Send(connection, Packet.Register(Name), "register") && await WaitRegisteredAsync(connection).ConfigureAwait(false))
                {
                    var answered = MonoClock.Now;
                    _run.Registration.Record(MonoClock.ToMicroseconds(answered - began));
                    _run.Handshakes.Answered(began, answered);
                    handshakeOpen = false;
                    online = true;
                    SetState(BotState.Online);
                    await BehaveAsync(connection).ConfigureAwait(false);
                }
                if (_stopRequested && !_run.HardStop.IsCancellationRequested && connection.IsOpen)
                    await SayGoodbyeAsync(connection, online).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _connection, null);
                var endedOnItsOwn = connection.State == ConnectionState.Ended;
                connection.Close();
                if (endedOnItsOwn && !Stopped && !_errorThisConnection)
                {
                    var end = connection.End;
                    var (kind, message) = ErrorClassifier.ForLoopEnd(end);
                    if (end.Error is { } protocolError)
                        _run.Counters.ProtocolError(protocolError.Kind);
                    RecordError(kind, message);
                }
            }
            return online;
        }
        finally
        {
            if (handshakeOpen)
                EndFailedHandshake(began);
        }
    }

    /// <summary>A handshake that did not reach the user list: a signal to the window, unless the bot was stopped.</summary>
    private void EndFailedHandshake(long began)
    {
        if (_errorThisConnection && _lastErrorKind is { } kind)
            _run.Handshakes.Failed(began, MonoClock.Now, kind);
        else
            _run.Handshakes.Abandoned();
    }

    /// <summary>Connects to the first of the host's addresses that answers, within the connect timeout; null (error recorded unless stopped) when none does.</summary>
    private async ValueTask<LoopConnection?> ConnectAsync(long began)
    {
        var resolving = _run.Addresses;
        if (!resolving.IsCompleted)
        {
            await ((Task)resolving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _timer.SwitchToLoop().ConfigureAwait(false);
        }
        if (!resolving.IsCompletedSuccessfully)
        {
            var code = resolving.Exception?.InnerException is SocketException se ? se.SocketErrorCode.ToString() : "failed";
            RecordError(ErrorKind.Unreachable, $"cannot resolve {_options.Host}: {code}");
            return null;
        }

        var deadline = began + ToTicks(_options.ConnectTimeout);
        var failure = SocketError.HostNotFound;
        foreach (var address in resolving.Result)
        {
            var local = _options.LocalAddress is { } bind && bind.AddressFamily == address.AddressFamily ? bind : null;
            var connection = _loop.Connect(new IPEndPoint(address, _options.Port), local, this, _run.Codec);
            while (connection.State == ConnectionState.Connecting && !Stopped && MonoClock.Now < deadline)
                await _timer.Sleep(deadline).ConfigureAwait(false);
            if (connection.IsOpen)
                return connection;
            if (connection.State == ConnectionState.Connecting)
            {
                connection.Close();
                failure = SocketError.TimedOut;
                break;
            }
            failure = connection.ConnectError;
        }
        if (Stopped)
            return null;
        var (kind, message) = ErrorClassifier.ForConnect(failure);
        RecordError(kind, $"{message} ({_options.Host}:{_options.Port})");
        return null;
    }

    /// <summary>
    /// Waits for the user list for as long as the server keeps talking: a connection that
    /// receives bytes is a busy server, not a dead one, so only <see cref="BotOptions.ResponseTimeout"/>
    /// of silence (since the register was sent or the last frame arrived) times out.
    /// </summary>
    private async ValueTask<bool> WaitRegisteredAsync(LoopConnection connection)
    {
        var sent = MonoClock.Now;
        var timeout = ToTicks(_options.ResponseTimeout);
        while (!_registered)
        {
            if (!connection.IsOpen || Stopped)
                return false;
            var silentUntil = Math.Max(sent, _lastReceivedTicks) + timeout;
            if (MonoClock.Now >= silentUntil)
            {
                RecordError(ErrorKind.ResponseTimeout, $"no user list and nothing else received for {_options.ResponseTimeout.TotalSeconds:0.#} s after registering");
                return false;
            }
            await _timer.Sleep(silentUntil).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>CHAT_EXIT, then wait (bounded) for the server's S_ANS_EXIT or close.</summary>
    private async ValueTask SayGoodbyeAsync(LoopConnection connection, bool online)
    {
        SetState(BotState.Stopping);
        if (!online || !Send(connection, Packet.ChatExit(Name), "goodbye"))
            return;
        Interlocked.Increment(ref _run.Counters.GoodbyesSent);
        // The engine's stop timeout bounds the goodbye; a server that never answers is not an error here.
        var deadline = MonoClock.Now + ToTicks(_options.ResponseTimeout);
        while (!_exitAnswered && connection.IsOpen && !_run.HardStop.IsCancellationRequested && MonoClock.Now < deadline)
            await _timer.Sleep(deadline).ConfigureAwait(false);
        if (_exitAnswered)
            Interlocked.Increment(ref _run.Counters.GoodbyesAcknowledged);
    }

    private void BeginConnection(LoopConnection connection)
    {
        _registered = false;
        _exitAnswered = false;
        ResetReceiveState();
        Volatile.Write(ref _connection, connection);
    }

    private void SetState(BotState next)
    {
        var previous = (BotState)Interlocked.Exchange(ref _state, (int)next);
        if (previous != next)
            _run.Counters.Transition(previous, next);
    }

    private void RecordError(ErrorKind kind, string message)
    {
        _errorThisConnection = true;
        _lastErrorKind = kind;
        LastError = $"{kind.Name()}: {message}";
        _run.Counters.Error(kind);
        _run.Events.Add(EventLevel.Warning, $"{Name}: {message}");
    }
}
