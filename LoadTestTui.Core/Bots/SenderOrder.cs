using System.Runtime.InteropServices;

namespace LoadTestTui.Core.Bots;

/// <summary>What one arrival from a sender means for delivery integrity.</summary>
public enum Arrival
{
    /// <summary>The first message heard from this sender (on this connection).</summary>
    First,

    /// <summary>The next one, or a later one that opened <c>Gap</c> missing sequences.</summary>
    InOrder,

    /// <summary>An earlier sequence that fills a gap.</summary>
    LateFill,

    /// <summary>A sequence already received.</summary>
    Duplicate,

    /// <summary>Older than the window: cannot tell late from duplicate; counted out of order.</summary>
    TooOld,
}

/// <summary>
/// Per-sender receive state at one receiver: the highest sequence seen and a 64-wide window
/// of which recent sequences arrived. Twelve bytes per sender, instead of a set.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct SenderOrder
{
    private ulong _window; // bit i: sequence (_last - i) has arrived; 0 until the first arrival
    private uint _last;

    /// <summary>Whether anything from this sender has arrived (the default value has heard nothing).</summary>
    public readonly bool Heard => _window != 0;

    /// <summary>Records an arrival; <paramref name="gap"/> is how many sequences it skipped past.</summary>
    public Arrival Observe(uint sequence, bool first, out uint gap)
    {
        gap = 0;
        if (first)
        {
            _last = sequence;
            _window = 1;
            return Arrival.First;
        }
        if (sequence > _last)
        {
            var shift = sequence - _last;
            gap = shift - 1;
            _window = shift >= 64 ? 1 : (_window << (int)shift) | 1;
            _last = sequence;
            return Arrival.InOrder;
        }
        var back = _last - sequence;
        if (back >= 64)
            return Arrival.TooOld;
        var bit = 1UL << (int)back;
        if ((_window & bit) != 0)
            return Arrival.Duplicate;
        _window |= bit;
        return Arrival.LateFill;
    }
}
