using System.Reactive.Subjects;

namespace LoadTestTui.Core.Monitoring;

/// <summary>
/// Samples the machine and the target process every interval and publishes an immutable
/// <see cref="MonitorSnapshot"/> through <see cref="Snapshots"/>. A late subscriber gets the
/// latest sample first; the feed completes when the sampler is disposed. The target may be
/// absent or exit: the snapshot says so and the sampler keeps looking, re-attaching when it
/// (re)starts. Sampling never throws out of the loop.
/// </summary>
public sealed class MonitorSampler : IAsyncDisposable
{
    /// <summary>Status while the target has never been seen.</summary>
    public const string NotFound = "not found";

    /// <summary>Status after the watched process went away, until it is back.</summary>
    public const string Exited = "exited";

    /// <summary>Status when no target was given.</summary>
    public const string SystemOnly = "system only";

    private readonly IMonitorSource _source;
    private readonly TimeProvider _time;
    private readonly ReplaySubject<MonitorSnapshot> _subject = new(1);
    private readonly CancellationTokenSource _stop = new();
    private long _startStamp;
    private readonly string _defaultDiskPath = Path.GetPathRoot(Environment.CurrentDirectory) ?? "/";
    private Task? _loop;
    private MonitorSnapshot? _latest;
    private int _disposed;

    // Sampling state: touched only by the sampling loop (or SampleNow before Start).
    private SystemCpuTimes? _lastCpu;
    private NetworkTotals? _lastNetwork;
    private long _lastSystemStamp;
    private ProcessLocation? _attached;
    private TimeSpan? _lastProcessCpu;
    private long _lastProcessStamp;
    private bool _everAttached;
    private int _restarts;
    private int _matches;
    private DriveInfo? _drive;

    public MonitorSampler(MonitorOptions options, TimeProvider? time = null)
        : this(options, time, SourceFor(OperatingSystem.IsLinux(), Directory.Exists("/proc/self")))
    {
    }

    /// <summary>/proc on Linux when it is mounted; the portable source everywhere else (Windows, macOS).</summary>
    internal static IMonitorSource SourceFor(bool isLinux, bool hasProc) =>
        isLinux && hasProc ? new ProcProcessReader() : new PortableProcessReader();

    internal MonitorSampler(MonitorOptions options, TimeProvider? time, IMonitorSource source)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        Options = options;
        _time = time ?? TimeProvider.System;
        _source = source;
        _startStamp = _time.GetTimestamp();
    }

    public MonitorOptions Options { get; }

    /// <summary>The feed of samples, one per interval; replays the latest to a new subscriber.</summary>
    public IObservable<MonitorSnapshot> Snapshots => _subject;

    /// <summary>The latest sample, or null before the first.</summary>
    public MonitorSnapshot? Latest => Volatile.Read(ref _latest);

    /// <summary>Starts sampling on a background task: the first sample is taken at once.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_loop is not null)
            throw new InvalidOperationException("The sampler is already running.");
        _startStamp = _time.GetTimestamp();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Stops sampling, waits for the loop, then completes the feed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        (_source as IDisposable)?.Dispose();
        // Completed, not disposed: a late subscriber still gets the last sample and the end.
        _subject.OnCompleted();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.Interval, _time);
        try
        {
            do
            {
                Publish(SampleNow());
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Disposed: the feed is completed by DisposeAsync.
        }
    }

    private void Publish(MonitorSnapshot snapshot)
    {
        Volatile.Write(ref _latest, snapshot);
        try
        {
            _subject.OnNext(snapshot);
        }
#pragma warning disable CA1031 // A subscriber's bug must not stop the sampling.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>Takes one sample now. Not thread-safe: the loop is its only caller once started.</summary>
    internal MonitorSnapshot SampleNow()
    {
        var now = _time.GetUtcNow();
        var stamp = _time.GetTimestamp();
        var system = SampleSystem(stamp);
        var restarted = false;
        ProcessSample? process = null;
        string status;

        if (Options.IsSystemOnly)
        {
            status = SystemOnly;
        }
        else
        {
            if (_attached is null && TryLocate() is { } found)
            {
                restarted = _everAttached;
                if (restarted)
                    _restarts++;
                _everAttached = true;
                _attached = found;
                _matches = found.Matches;
                _lastProcessCpu = null;
            }
            process = _attached is null ? null : SampleProcess(_attached, stamp, system.MemoryTotalBytes);
            if (process is null)
            {
                _attached = null;
                _matches = 0;
                status = _everAttached ? Exited : NotFound;
            }
            else
            {
                status = process.Status;
            }
        }

        return new MonitorSnapshot
        {
            Timestamp = now,
            Elapsed = _time.GetElapsedTime(_startStamp, stamp),
            Target = Options.Target,
            Status = status,
            Restarted = restarted,
            Restarts = _restarts,
            Matches = _matches,
            System = system with { Disk = SampleDisk(_attached?.DiskPath) },
            Process = process,
        };
    }

    private ProcessLocation? TryLocate()
    {
        try
        {
            return _source.Locate(Options.Target);
        }
#pragma warning disable CA1031 // Any failure to look is "not there yet".
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private SystemSample SampleSystem(long stamp)
    {
        SystemCounters counters;
        try
        {
            counters = _source.ReadSystem();
        }
#pragma warning disable CA1031 // An unreadable system figure reads as zero, never as a crash.
        catch (Exception)
#pragma warning restore CA1031
        {
            counters = default;
        }

        var wall = _lastSystemStamp == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_lastSystemStamp, stamp);
        var cpu = counters.Cpu is { } current && _lastCpu is { } previous ? CpuPercent.OfSystem(previous, current) : 0;
        double sentRate = 0, receivedRate = 0;
        if (_lastNetwork is { } lastNet && wall > TimeSpan.Zero)
        {
            sentRate = Math.Max(0, (counters.Network.BytesSent - lastNet.BytesSent) / wall.TotalSeconds);
            receivedRate = Math.Max(0, (counters.Network.BytesReceived - lastNet.BytesReceived) / wall.TotalSeconds);
        }
        _lastCpu = counters.Cpu;
        _lastNetwork = counters.Network;
        _lastSystemStamp = stamp;

        var memory = counters.Memory;
        var used = memory.AvailableBytes > 0 ? memory.TotalBytes - memory.AvailableBytes : 0;
        var memoryPercent = memory.TotalBytes > 0 && memory.AvailableBytes > 0 ? used * 100.0 / memory.TotalBytes : 0;
        return new SystemSample(cpu, memory.TotalBytes, memory.AvailableBytes, used, memoryPercent, null,
            counters.Network.BytesSent, counters.Network.BytesReceived, sentRate, receivedRate);
    }

    private ProcessSample? SampleProcess(ProcessLocation location, long stamp, long memoryTotal)
    {
        ProcessCounters? read;
        try
        {
            read = _source.ReadProcess(location, Options.LoadTestPort);
        }
#pragma warning disable CA1031 // A read failure of a vanishing process means it exited.
        catch (Exception)
#pragma warning restore CA1031
        {
            read = null;
        }
        if (read is not { } counters)
            return null;

        // The first sample after attaching has no earlier reading to compare with: it reads 0.
        var cpu = _lastProcessCpu is { } lastCpu
            ? CpuPercent.OfProcess(counters.CpuTime - lastCpu, _time.GetElapsedTime(_lastProcessStamp, stamp))
            : 0;
        _lastProcessCpu = counters.CpuTime;
        _lastProcessStamp = stamp;

        var memoryPercent = memoryTotal > 0 ? counters.ResidentBytes * 100.0 / memoryTotal : 0;
        return new ProcessSample(location.Pid, location.Name, counters.Status, cpu, memoryPercent, counters.ResidentBytes,
            counters.Threads, counters.Handles, counters.Connections, counters.ConnectionsOnPort);
    }

    private DiskSample? SampleDisk(string? processPath)
    {
        // Unix takes any path on the volume; Windows wants the drive's root.
        var path = processPath ?? _defaultDiskPath;
        if (OperatingSystem.IsWindows())
            path = Path.GetPathRoot(path) ?? path;
        try
        {
            if (_drive is null || !string.Equals(_drive.Name, path, StringComparison.Ordinal))
                _drive = new DriveInfo(path);
            var total = _drive.TotalSize;
            var free = _drive.TotalFreeSpace;
            var available = _drive.AvailableFreeSpace;
            var used = total - free;
            var percent = used + available > 0 ? used * 100.0 / (used + available) : 0;
            return new DiskSample(path, total, used, free, percent);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _drive = null;
            return null;
        }
    }
}
