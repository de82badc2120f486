using System.Diagnostics;
using System.Text.Json;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// The real NATS server (Debian's <c>nats-server</c>) on a free loopback port, for cluster tests.
/// It picks its own port (<c>-p -1</c>) and writes it to a ports file, which is also the
/// readiness signal. Disposing kills it. Missing binary = a failing test, never a skip.
/// </summary>
public sealed class NatsServerProcess : IDisposable
{
    private static readonly string[] Candidates = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"];
    private readonly Process _process;
    private readonly TempDirectory _folder;

    private NatsServerProcess(Process process, TempDirectory folder, string url)
    {
        _process = process;
        _folder = folder;
        Url = url;
    }

    public string Url { get; }

    public static async Task<NatsServerProcess> StartAsync(string? token = null)
    {
        var binary = Candidates.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "nats-server")).FirstOrDefault(File.Exists);
        if (binary is null)
            Assert.Fail("nats-server is not installed: the cluster tests need the real NATS server (.ci/run installs it: apt-get install nats-server).");
        var folder = new TempDirectory();
        var info = new ProcessStartInfo(binary!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", folder.Path })
            info.ArgumentList.Add(arg);
        if (token is not null)
        {
            info.ArgumentList.Add("--auth");
            info.ArgumentList.Add(token);
        }
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (Directory.GetFiles(folder.Path, "*.ports").FirstOrDefault() is { } file && TryReadUrl(file) is { } url)
                return new NatsServerProcess(process, folder, url);
            await Task.Delay(20);
        }
        process.Kill();
        process.Dispose();
        folder.Dispose();
        Assert.Fail("nats-server did not report its port within 10 s.");
        throw new UnreachableException();
    }

    private static string? TryReadUrl(string file)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            return json.RootElement.GetProperty("nats")[0].GetString();
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return null; // not fully written yet
        }
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
