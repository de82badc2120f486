namespace LoadTestTui.Dashboard;

/// <summary>The last <see cref="Capacity"/> samples of one series, oldest overwritten first.</summary>
public sealed class HistoryRing
{
    private readonly double[] _items;
    private int _next;

    public HistoryRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new double[capacity];
    }

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public double Latest => Count == 0 ? double.NaN : _items[(_next - 1 + _items.Length) % _items.Length];

    public void Add(double value)
    {
        _items[_next] = value;
        _next = (_next + 1) % _items.Length;
        if (Count < _items.Length)
            Count++;
    }

    /// <summary>Copies the newest samples, oldest first, into the end of <paramref name="target"/>; returns how many.</summary>
    public int CopyLatest(Span<double> target)
    {
        var n = Math.Min(target.Length, Count);
        var start = (_next - n + _items.Length) % _items.Length;
        var dest = target[^n..];
        for (var i = 0; i < n; i++)
            dest[i] = _items[(start + i) % _items.Length];
        return n;
    }
}
