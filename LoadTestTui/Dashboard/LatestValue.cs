namespace LoadTestTui.Dashboard;

/// <summary>
/// An observer that only remembers the newest value. OnNext stores a reference and returns:
/// producers never wait for the UI, and the UI reads <see cref="Value"/> once per tick.
/// </summary>
internal sealed class LatestValue<T> : IObserver<T>
    where T : class
{
    private T? _value;
    private Exception? _error;
    private int _completed;

    public T? Value => Volatile.Read(ref _value);

    public bool Completed => Volatile.Read(ref _completed) != 0;

    public Exception? Error => Volatile.Read(ref _error);

    public void OnNext(T value) => Volatile.Write(ref _value, value);

    public void OnError(Exception error)
    {
        Volatile.Write(ref _error, error);
        Volatile.Write(ref _completed, 1);
    }

    public void OnCompleted() => Volatile.Write(ref _completed, 1);
}
