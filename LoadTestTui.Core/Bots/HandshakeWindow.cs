using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// A congestion window over handshakes in flight (connect + register), so however high the
/// ramp is, the engine never piles more joins on a server than it answers in time.
/// <para>
/// It judges rounds, not single answers (one slow outlier must not halve it): a round is as
/// many answers as the window is wide, between <see cref="MinimumRound"/> and
/// <see cref="MaximumRound"/>. As soon as a quarter of a round's answers were slower than the
/// target, the window halves; a round that ends otherwise grows it by one per answer while
/// below the size of the last cut (slow start: doubling per window), then by an eighth of a
/// round. A failed handshake (refused, timed out, dropped before the user list) halves it at
/// once. Answers to handshakes begun before a cut are not judged again.
/// </para>
/// <para>
/// The target is fixed and a fraction of the timeouts, not of the server's best time: what the
/// window must prevent is a queue that reaches the timeouts (then the tool's own reconnects
/// storm). Lower latency is not worth a narrower window: on a busy machine latency is mostly
/// scheduling noise, and a server that batches its writes (as the reference server does under
/// a join storm) answers each registration more cheaply the more arrive together, so a window
/// cut on sub-second latency starves the ramp without sparing the server anything. By Little's
/// law a server answering C registrations/s settles near C x target in flight. Time is passed
/// in as ticks, so the rules are testable without a clock.
/// </para>
/// </summary>
public sealed class HandshakeWindow
{
    public const int MinimumSize = 8;

    /// <summary>Answers a round needs at least: a verdict on a handful of answers would follow noise.</summary>
    public const int MinimumRound = 16;

    /// <summary>Answers a round takes at most: a wide window judged only once per window would react to a slowing server seconds late.</summary>
    public const int MaximumRound = 64;

    private readonly Lock _gate = new();
    private readonly int _max;
    private readonly long _targetTicks;
    private double _size;
    private double _threshold;
    private int _inFlight;
    private int _peakInFlight;
    private int _peakSize;
    private long _lastCutTicks = long.MinValue;
    private HandshakeSignal _lastSignal;
    private ErrorKind _lastFailure;

    // The round being judged.
    private int _roundSize;
    private int _roundAnswers;
    private int _roundSlow;

    /// <param name="initial">Window at start.</param>
    /// <param name="max">Never more in flight than this (keep it under the server's accept backlog).</param>
    /// <param name="target">An answer slower than this is slow (keep it well under the timeouts).</param>
    /// <param name="ticksPerSecond">The tick unit of the times passed in (Stopwatch.Frequency for <see cref="MonoClock"/>).</param>
    public HandshakeWindow(int initial, int max, TimeSpan target, long ticksPerSecond)
    {
        _max = Math.Max(MinimumSize, max);
        _size = Math.Clamp(initial, MinimumSize, _max);
        _threshold = _max;
        _targetTicks = (long)(target.TotalSeconds * ticksPerSecond);
        StartRound();
    }

    /// <summary>Handshakes allowed in flight now.</summary>
    public int Size
    {
        get
        {
            lock (_gate)
                return (int)_size;
        }
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most handshakes that were ever in flight at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>The largest the window has been (the bound every handshake began under).</summary>
    public int PeakSize => Volatile.Read(ref _peakSize);

    public HandshakeSignal LastSignal
    {
        get
        {
            lock (_gate)
                return _lastSignal;
        }
    }

    /// <summary>The class of the last failure that cut the window (meaningful when <see cref="LastSignal"/> is Failed).</summary>
    public ErrorKind LastFailure
    {
        get
        {
            lock (_gate)
                return _lastFailure;
        }
    }

    /// <summary>Takes a slot if the window has room; every true must be ended by exactly one Answered, Failed or Abandoned.</summary>
    public bool TryBegin()
    {
        lock (_gate)
        {
            if (_inFlight >= (int)_size)
                return false;
            _inFlight++;
            _peakInFlight = Math.Max(_peakInFlight, _inFlight);
            _peakSize = Math.Max(_peakSize, (int)_size);
            return true;
        }
    }

    /// <summary>The server answered the registration of a handshake begun at <paramref name="beganTicks"/>.</summary>
    public void Answered(long beganTicks, long nowTicks)
    {
        lock (_gate)
        {
            _inFlight--;
            if (beganTicks <= _lastCutTicks)
                return; // queued before the cut: already answered with one
            _roundAnswers++;
            if (nowTicks - beganTicks > _targetTicks && ++_roundSlow * 4 > _roundSize)
                Cut(nowTicks, HandshakeSignal.Slow); // a quarter of the round is slow already: no need to wait for the rest
            else if (_roundAnswers >= _roundSize)
                Grow();
        }
    }

    /// <summary>The handshake failed: the server refused, timed out or dropped it before answering.</summary>
    public void Failed(long beganTicks, long nowTicks, ErrorKind kind)
    {
        lock (_gate)
        {
            _inFlight--;
            if (beganTicks <= _lastCutTicks)
                return;
            Cut(nowTicks, HandshakeSignal.Failed);
            _lastFailure = kind;
        }
    }

    /// <summary>The handshake ended without a verdict on the server (the bot was stopped).</summary>
    public void Abandoned()
    {
        lock (_gate)
            _inFlight--;
    }

    private void Grow()
    {
        _size = _size < _threshold ? Math.Min(_size + _roundSize, _threshold) : _size + Math.Max(1, _roundSize / 8.0);
        _size = Math.Min(_size, _max);
        StartRound();
    }

    private void Cut(long nowTicks, HandshakeSignal signal)
    {
        _size = Math.Max(MinimumSize, _size / 2);
        _threshold = _size;
        _lastCutTicks = nowTicks;
        _lastSignal = signal;
        StartRound();
    }

    private void StartRound()
    {
        _roundSize = Math.Clamp((int)_size, MinimumRound, MaximumRound);
        _roundAnswers = 0;
        _roundSlow = 0;
    }
}
