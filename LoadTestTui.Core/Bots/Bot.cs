using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// One simulated chat user: a single async loop that connects, registers, chats, sends
/// heartbeats and pings, reconnects with backoff when dropped, and says goodbye when told
/// to stop. It owns one read loop and one serialized writer per connection and reports only
/// through the run's counters, recorders and event log; it never touches a UI or console.
/// </summary>
internal sealed partial class Bot
{
    private readonly RunContext _run;
    private readonly BotOptions _options;
    private int _state = (int)BotState.Idle;
    private volatile bool _stopRequested;
    private CancellationTokenSource _stopSignal = new();
    private BotConnection? _connection;
    private TaskCompletionSource _registered = NewSignal();
    private TaskCompletionSource _exitAnswered = NewSignal();
    private bool _errorThisConnection;
    private ErrorKind? _lastErrorKind;

    /// <summary>When the last frame arrived (MonoClock ticks), bumped by the read loop: silence is what times out.</summary>
    private long _lastReceivedTicks;

    public Bot(int id, RunContext run)
    {
        Id = id;
        _run = run;
        _options = run.Options;
        Name = string.Create(CultureInfo.InvariantCulture, $"{_options.NamePrefix}{id:D4}");
        Interlocked.Increment(ref run.Counters.States[(int)BotState.Idle]);
    }

    public int Id { get; }

    public string Name { get; }

    public BotState State => (BotState)Volatile.Read(ref _state);

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Whether the bot counts toward the run's target; set by the run under the engine's lock.</summary>
    public bool Assigned { get; set; }

    /// <summary>Starts the bot, which takes over the handshake slot the caller holds; false (slot still the caller's) when already running.</summary>
    public bool Start()
    {
        if (!Completion.IsCompleted)
            return false;
        _stopRequested = false;
        _stopSignal = new CancellationTokenSource();
        Completion = RunAsync(_run.HardStop.Token);
        return true;
    }

    /// <summary>Asks the bot to say goodbye and stop; returns at once.</summary>
    public void RequestStop()
    {
        if (_stopRequested)
            return;
        _stopRequested = true;
        // Asynchronously: cancellation callbacks would otherwise run bot code on the caller's thread.
        _ = _stopSignal.CancelAsync();
    }

    /// <summary>
    /// The bot's life. The run took a handshake slot for the first connection before starting
    /// the bot; each reconnect waits for its per-bot backoff, then for the crowd's turn and a slot.
    /// </summary>
    private async Task RunAsync(CancellationToken hardStop)
    {
        var holdsSlot = true;
        try
        {
            await Task.Yield(); // never run a bot's connect on the caller's (engine tick) thread
            var attempt = 0;
            while (!_stopRequested && !hardStop.IsCancellationRequested)
            {
                holdsSlot = false; // the connection ends its handshake, whatever happens
                var wasOnline = await RunConnectionAsync(hardStop).ConfigureAwait(false);
                if (_stopRequested || hardStop.IsCancellationRequested)
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
                if (!await PauseAsync(delay).ConfigureAwait(false) || !await AwaitReconnectTurnAsync().ConfigureAwait(false))
                    break;
                holdsSlot = true;
                Interlocked.Increment(ref _reconnects);
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
    private async Task<bool> AwaitReconnectTurnAsync()
    {
        while (true)
        {
            var now = MonoClock.Now;
            var turn = _run.Reconnects.Reserve(now, Random.Shared.NextDouble());
            if (!await PauseAsync(TimeSpan.FromMicroseconds(MonoClock.ToMicroseconds(turn - now))).ConfigureAwait(false))
                return false;
            if (_run.Handshakes.TryBegin())
                return true;
        }
    }

    /// <summary>Sleeps unless stopped; false when the bot was told to stop.</summary>
    private async Task<bool> PauseAsync(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
            return !_stopSignal.IsCancellationRequested;
        try
        {
            await Task.Delay(delay, _stopSignal.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One connection from connect to close, holding a handshake slot until registered; returns whether the bot got online on it.</summary>
    private async Task<bool> RunConnectionAsync(CancellationToken hardStop)
    {
        SetState(BotState.Connecting);
        _errorThisConnection = false;
        _lastErrorKind = null;
        var began = MonoClock.Now;
        var handshakeOpen = true;
        try
        {
            var socket = await ConnectAsync(hardStop).ConfigureAwait(false);
            if (socket is null)
                return false;
            _run.ConnectTime.Record(MonoClock.MicrosecondsSince(began));
            Interlocked.Increment(ref _run.Counters.Connects);

            await using var connection = new BotConnection(socket, _run.Codec);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(hardStop, _stopSignal.Token);
            BeginConnection(connection);
            var reading = ReadAsync(connection, wake);
            var online = false;
            try
            {
                SetState(BotState.Registering);
                if (!await SendOrRecordAsync(connection, Packet.Register(Name), "register", wake.Token).ConfigureAwait(false))
                {
                    // Recorded by the send, unless the connection was already ending.
                }
                else if (await WaitRegisteredAsync(wake.Token).ConfigureAwait(false))
                {
                    var answered = MonoClock.Now;
                    _run.Registration.Record(MonoClock.ToMicroseconds(answered - began));
                    _run.Handshakes.Answered(began, answered);
                    handshakeOpen = false;
                    online = true;
                    SetState(BotState.Online);
                    await BehaveAsync(connection, wake.Token).ConfigureAwait(false);
                }
                if (_stopRequested && !hardStop.IsCancellationRequested && !reading.IsCompleted)
                    await SayGoodbyeAsync(connection, online, hardStop).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _connection, null);
                connection.Abort();
                var end = await reading.ConfigureAwait(false);
                if (!_stopRequested && !hardStop.IsCancellationRequested && !_errorThisConnection)
                {
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

    private async Task<Socket?> ConnectAsync(CancellationToken hardStop)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await _run.Addresses.ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            RecordError(ErrorKind.Unreachable, $"cannot resolve {_options.Host}: {ex.SocketErrorCode}");
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(hardStop, _stopSignal.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, _options.Port), timeout.Token).ConfigureAwait(false);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                last = ex;
                if (ex is OperationCanceledException)
                    break;
            }
        }
        if (_stopRequested || hardStop.IsCancellationRequested)
            return null;
        var (kind, message) = ErrorClassifier.ForConnect(last ?? new SocketException((int)SocketError.HostNotFound));
        RecordError(kind, $"{message} ({_options.Host}:{_options.Port})");
        return null;
    }

    private async Task<FrameLoopEnd> ReadAsync(BotConnection connection, CancellationTokenSource wake)
    {
        await Task.Yield();
        var end = await FrameLoop.RunAsync(connection.Reader, _run.Codec, this, connection.Closed).ConfigureAwait(false);
        try
        {
            wake.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection is already being torn down.
        }
        return end;
    }

    /// <summary>
    /// Waits for the user list for as long as the server keeps talking: a connection that
    /// receives bytes is a busy server, not a dead one, so only <see cref="BotOptions.ResponseTimeout"/>
    /// of silence (since the register was sent or the last frame arrived) times out.
    /// </summary>
    private async Task<bool> WaitRegisteredAsync(CancellationToken wake)
    {
        var sent = MonoClock.Now;
        var timeout = _options.ResponseTimeout;
        while (true)
        {
            var quietSince = Math.Max(sent, Volatile.Read(ref _lastReceivedTicks));
            var left = timeout - TimeSpan.FromMicroseconds(MonoClock.MicrosecondsSince(quietSince));
            if (left <= TimeSpan.Zero)
            {
                RecordError(ErrorKind.ResponseTimeout, $"no user list and nothing else received for {timeout.TotalSeconds:0.#} s after registering");
                return false;
            }
            try
            {
                await _registered.Task.WaitAsync(left, wake).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                // Look again: frames that arrived meanwhile move the silence deadline.
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>CHAT_EXIT, then wait (bounded) for the server's S_ANS_EXIT or close.</summary>
    private async Task SayGoodbyeAsync(BotConnection connection, bool online, CancellationToken hardStop)
    {
        SetState(BotState.Stopping);
        if (!online || !await SendOrRecordAsync(connection, Packet.ChatExit(Name), "goodbye", hardStop).ConfigureAwait(false))
            return;
        Interlocked.Increment(ref _run.Counters.GoodbyesSent);
        try
        {
            await _exitAnswered.Task.WaitAsync(_options.ResponseTimeout, hardStop).ConfigureAwait(false);
            Interlocked.Increment(ref _run.Counters.GoodbyesAcknowledged);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The engine's stop timeout bounds the goodbye; a server that never answers is not an error here.
        }
    }

    private void BeginConnection(BotConnection connection)
    {
        _registered = NewSignal();
        _exitAnswered = NewSignal();
        _errorThisConnection = false;
        _lastErrorKind = null;
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
