namespace LoadTestTui.Core.Loops;

/// <summary>
/// The loops bots are spread over: one per core, made once per process and shared by every run
/// (a bot keeps the loop of its id). Epoll on Linux; the portable loop elsewhere, or anywhere
/// with <c>LOADTEST_IO=portable</c>.
/// </summary>
internal sealed class EventLoops : IDisposable
{
    /// <summary>The environment variable that picks the backend: <c>epoll</c> or <c>portable</c>.</summary>
    public const string BackendVariable = "LOADTEST_IO";

    private static readonly Lazy<EventLoops> SharedLoops = new(() => new EventLoops(DefaultBackend, Environment.ProcessorCount));

    private readonly EventLoop[] _loops;

    public EventLoops(LoopBackend backend, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Backend = backend;
        _loops = new EventLoop[count];
        for (var i = 0; i < count; i++)
            _loops[i] = backend == LoopBackend.Epoll ? new EpollLoop($"bot-loop-{i}") : new PortableLoop($"bot-loop-{i}");
    }

    /// <summary>The process's loops.</summary>
    public static EventLoops Shared => SharedLoops.Value;

    public static LoopBackend DefaultBackend => BackendFor(OperatingSystem.IsLinux(), Environment.GetEnvironmentVariable(BackendVariable));

    /// <summary>Epoll only on Linux and only unless <paramref name="variable"/> asks for portable: elsewhere (Windows, macOS) there is no epoll, whatever the variable says.</summary>
    internal static LoopBackend BackendFor(bool isLinux, string? variable) =>
        isLinux && !string.Equals(variable, "portable", StringComparison.OrdinalIgnoreCase)
            ? LoopBackend.Epoll
            : LoopBackend.Portable;

    public LoopBackend Backend { get; }

    public IReadOnlyList<EventLoop> All => _loops;

    /// <summary>The loop of the bot with this id.</summary>
    public EventLoop For(int id) => _loops[(int)((uint)id % (uint)_loops.Length)];

    /// <summary>Every loop's figures added up.</summary>
    public LoopFigures Figures
    {
        get
        {
            var total = new LoopFigures(0, 0, TimeSpan.Zero, TimeSpan.Zero);
            foreach (var loop in _loops)
                total += loop.Figures;
            return total;
        }
    }

    public void Dispose()
    {
        foreach (var loop in _loops)
            loop.Dispose();
    }
}
