using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// The real `loadtest` app as a child process (`dotnet loadtest.dll ...` from the test output
/// folder, or an installed one), with its stdout readable line by line and its stderr collected. Disposing kills it.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly List<string> _stderr = [];
    private readonly Queue<string> _recent = new();

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                _stdout.Writer.TryComplete();
            else
                _stdout.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                    _stderr.Add(e.Data);
            }
        };
    }

    public int Id => _process.Id;

    /// <summary>The child's standard input, for line commands; close it to signal end of input.</summary>
    public StreamWriter Input => _process.StandardInput;

    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_stderr)
                return [.. _stderr];
        }
    }

    public static AppProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadtest.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Launch(info);
    }

    /// <summary>An installed <c>loadtest</c> (a tool shim or a single-file build) run directly, with extra environment.</summary>
    public static AppProcess StartInstalled(string executable, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Launch(info);
    }

    private static AppProcess Launch(ProcessStartInfo info)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start loadtest");
        var app = new AppProcess(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The first stdout line matching <paramref name="pattern"/> (earlier lines are consumed).</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _stdout.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            {
                if (_recent.Count == 20)
                    _recent.Dequeue();
                _recent.Enqueue(line);
                var match = pattern.Match(line);
                if (match.Success)
                    return match;
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"no stdout line matching {pattern} within {timeout.TotalSeconds:0} s; last lines: {string.Join(" | ", _recent)}; stderr: {string.Join(" | ", ErrorLines)}");
        }
        throw new InvalidOperationException($"stdout ended without a line matching {pattern}; stderr: {string.Join(" | ", ErrorLines)}");
    }

    /// <summary>Every stdout line not yet read, once the process has exited.</summary>
    public async Task<List<string>> RemainingOutputAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        await foreach (var line in _stdout.Reader.ReadAllAsync(cts.Token).ConfigureAwait(false))
            lines.Add(line);
        return lines;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"loadtest still running after {timeout.TotalSeconds:0} s");
        }
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM (what a service manager does); Linux and macOS only.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(5_000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
