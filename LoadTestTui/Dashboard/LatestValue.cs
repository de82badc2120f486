namespace LoadTestTui.Dashboard;

/// <summary>
/// An observer that only remembers the newest value. OnNext stores a reference and returns:
/// producers never wait for the UI, and the UI reads <see cref="Value"/> once per tick.
/// </summary>
internal sealed class LatestValue<T>(Action<T>? onEach = null) : IObserver<T>
    where T : class
{
    private T? _value;
    private Exception? _error;
    private int _completed;

    public T? Value => Volatile.Read(ref _value);

    public bool Completed => Volatile.Read(ref _completed) != 0;

    public Exception? Error => Volatile.Read(ref _error);

    /// <summary>Keeps the value; <c>onEach</c> sees every value, even ones a tick never shows (the feed's thread).</summary>
    public void OnNext(T value)
    {
        onEach?.Invoke(value);
        Volatile.Write(ref _value, value);
    }

    public void OnError(Exception error)
    {
        Volatile.Write(ref _error, error);
        Volatile.Write(ref _completed, 1);
    }

    public void OnCompleted() => Volatile.Write(ref _completed, 1);
}
