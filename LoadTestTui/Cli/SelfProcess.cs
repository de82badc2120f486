using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LoadTestTui.Cli;

/// <summary>Starts this same program as a child (the reference server for demo and bench), however it was launched.</summary>
internal static partial class SelfProcess
{
    /// <summary>A start info for <c>loadtest ARGS</c>: via the apphost, or via <c>dotnet loadtest.dll</c>.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            // Not Assembly.Location: a single-file build has none (and never runs under dotnet anyway).
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(SelfProcess).Assembly.GetName().Name + ".dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>Starts <c>loadtest serve</c> on a free loopback port and waits for its listening line.</summary>
    public static async Task<(Process Process, int Port)> StartServerAsync(IEnumerable<string> extraArgs, TimeSpan timeout)
    {
        var process = Process.Start(StartInfo(["serve", "--host", "127.0.0.1", "--port", "0", .. extraArgs]))
            ?? throw new InvalidOperationException("could not start the reference server");
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token).ConfigureAwait(false) is { } line)
            {
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    _ = DrainAsync(process.StandardOutput);
                    _ = DrainAsync(process.StandardError);
                    return (process, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Fall through to the failure below.
        }
        var error = process.HasExited ? await process.StandardError.ReadToEndAsync().ConfigureAwait(false) : "no listening line in time";
        Stop(process);
        throw new InvalidOperationException($"the reference server did not start: {error.Trim()}");
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Keeps reading a child's output so a full pipe never blocks it.</summary>
    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (IOException)
        {
            // The child exited.
        }
    }

    [GeneratedRegex(@"listening on \S*:(\d+)")]
    private static partial Regex ListeningLine();
}
