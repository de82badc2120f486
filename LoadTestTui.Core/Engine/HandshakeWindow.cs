using LoadTestTui.Core.Bots;

namespace LoadTestTui.Core.Engine;

/// <summary>
/// A congestion window over handshakes in flight (connect + register), so however high the
/// ramp is, the engine never piles more joins on a server than it answers in time. It grows
/// like TCP's: by one per fast answer up to a threshold (slow start), then by one per window
/// of fast answers; it halves on an answer slower than the target or a failed handshake, at
/// most once per round (a handshake that began before the last cut does not cut again).
/// Time is passed in (<see cref="MonoClock"/> ticks), so the rules are testable without a clock.
/// By Little's law a server that answers C registrations/s settles near C x target in flight:
/// a smaller window costs no throughput, only queueing delay and timeouts.
/// </summary>
public sealed class HandshakeWindow
{
    public const int MinimumSize = 4;

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

    /// <param name="initial">Window at start.</param>
    /// <param name="max">Never more in flight than this (keep it under the server's accept backlog).</param>
    /// <param name="target">An answer slower than this is a congestion signal.</param>
    /// <param name="ticksPerSecond">The tick unit of the times passed in (Stopwatch.Frequency for <see cref="MonoClock"/>).</param>
    public HandshakeWindow(int initial, int max, TimeSpan target, long ticksPerSecond)
    {
        _max = Math.Max(MinimumSize, max);
        _size = Math.Clamp(initial, MinimumSize, _max);
        _threshold = _max;
        _targetTicks = (long)(target.TotalSeconds * ticksPerSecond);
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
            if (nowTicks - beganTicks > _targetTicks)
                Cut(beganTicks, nowTicks, HandshakeSignal.Slow);
            else
                Grow();
        }
    }

    /// <summary>The handshake failed: the server refused, timed out or dropped it before answering.</summary>
    public void Failed(long beganTicks, long nowTicks, ErrorKind kind)
    {
        lock (_gate)
        {
            _inFlight--;
            if (Cut(beganTicks, nowTicks, HandshakeSignal.Failed))
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
        _size += _size < _threshold ? 1 : 1 / _size;
        _size = Math.Min(_size, _max);
    }

    private bool Cut(long beganTicks, long nowTicks, HandshakeSignal signal)
    {
        if (beganTicks <= _lastCutTicks)
            return false; // this round was already answered with a cut
        _size = Math.Max(MinimumSize, _size / 2);
        _threshold = _size;
        _lastCutTicks = nowTicks;
        _lastSignal = signal;
        return true;
    }
}
