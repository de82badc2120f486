using System.Diagnostics;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A child process for the monitor's tests: `loadtest probe-child ...` (or any program), started
/// with stdin held open and killed on dispose. Every wait is bounded.
/// </summary>
internal sealed class ProbeChild : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private ProbeChild(Process process) => Process = process;

    public Process Process { get; }

    public int Pid => Process.Id;

    /// <summary>Starts `dotnet loadtest.dll probe-child args` and waits for its "ready" line.</summary>
    public static async Task<ProbeChild> StartProbeAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "loadtest.dll"));
        info.ArgumentList.Add("probe-child");
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var child = new ProbeChild(Process.Start(info)!);
        try
        {
            using var timeout = new CancellationTokenSource(ReadyTimeout);
            while (await child.Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "ready")
                    return child;
            }
            throw new InvalidOperationException("probe-child ended before it was ready.");
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Starts any program (no "ready" handshake).</summary>
    public static ProbeChild StartProgram(string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return new ProbeChild(Process.Start(info)!);
    }

    public void Kill()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }
}
