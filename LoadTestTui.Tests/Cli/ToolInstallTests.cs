using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadTestTui.Cli;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>
/// `loadtest` as a .NET tool: packed from this build (no compile, no network), installed into a
/// temporary tool path from that folder alone, then run as its users run it: `--version`, and a
/// short `loadtest run` against `loadtest serve`, both from the install, on the portable event
/// loops (what Windows gets), writing JSON and the HTML report (the embedded assets must load).
/// </summary>
[TestClass]
public sealed partial class ToolInstallTests
{
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan AppTimeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task PackInstallRun_FromTempToolPath_VersionAndShortRunAgainstServe()
    {
        var version = typeof(LoadTestCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        using var temp = new TempDirectory();
        var feed = Path.Combine(temp.Path, "nupkg");
        var tools = Path.Combine(temp.Path, "tools");
        var output = Directory.CreateDirectory(Path.Combine(temp.Path, "out")).FullName;

        // This test run's own build, packed as it is: the test never compiles.
        var (root, configuration) = SourceTree();
        await DotnetAsync("pack", Path.Combine(root, "LoadTestTui", "LoadTestTui.csproj"), "-c", configuration, "--no-build",
            "-o", feed, $"-p:PublishDir={Path.Combine(temp.Path, "publish")}{Path.DirectorySeparatorChar}");
        Assert.IsTrue(File.Exists(Path.Combine(feed, $"LoadTestTui.{version}.nupkg")), $"no LoadTestTui.{version}.nupkg in {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");

        // Only the packed folder as a source: what is installed can only be what was just packed.
        var config = Path.Combine(temp.Path, "nuget.config");
        await File.WriteAllTextAsync(config, "<configuration><packageSources><clear /></packageSources></configuration>");
        await DotnetAsync("tool", "install", "LoadTestTui", "--version", version, "--tool-path", tools, "--add-source", feed, "--configfile", config);
        var loadtest = Path.Combine(tools, OperatingSystem.IsWindows() ? "loadtest.exe" : "loadtest");
        Assert.IsTrue(File.Exists(loadtest), $"the install made no {loadtest}");

        var environment = new Dictionary<string, string>
        {
            // The tool's shim finds the runtime this test runs on.
            ["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost())!,
            ["LOADTEST_IO"] = "portable",
        };
        using (var versionRun = AppProcess.StartInstalled(loadtest, environment, "--version"))
        {
            Assert.AreEqual(0, await versionRun.WaitForExitAsync(AppTimeout), $"loadtest --version failed: {string.Join(" | ", versionRun.ErrorLines)}");
            var printed = await versionRun.RemainingOutputAsync(AppTimeout);
            Assert.AreEqual(version, string.Join("\n", printed).Trim(), "loadtest --version prints the package version");
        }

        using var server = AppProcess.StartInstalled(loadtest, environment, "serve", "--host", "127.0.0.1", "--port", "0", "--stats-interval", "0");
        var port = int.Parse((await server.WaitForLineAsync(ListeningLine(), AppTimeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var results = Path.Combine(output, "results.json");
        var report = Path.Combine(output, "report.html");
        using var run = AppProcess.StartInstalled(loadtest, environment, "run", "--host", "127.0.0.1", "--port", $"{port}",
            "--bots", "5", "--duration", "3", "--ramp", "50", "--chat-interval", "0.2-0.5", "--ping-interval", "1",
            "--status-interval", "0", "--output", results, "--html", report, "--log", Path.Combine(output, "load_test.log"));
        var exit = await run.WaitForExitAsync(AppTimeout);
        var runOutput = await run.RemainingOutputAsync(AppTimeout);
        Assert.AreEqual(ExitCodes.Ok, exit, $"loadtest run exited {exit}; stdout: {string.Join(" | ", runOutput.TakeLast(20))}; stderr: {string.Join(" | ", run.ErrorLines)}");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(results));
        var top = json.RootElement;
        Assert.AreEqual(version, top.GetProperty("run").GetProperty("tool_version").GetString());
        Assert.AreEqual(5, top.GetProperty("peak_connected_bots").GetInt32(), "all five bots online");
        Assert.IsGreaterThan(0L, top.GetProperty("messages_received").GetInt64(), "chats echoed");
        Assert.AreEqual(0L, top.GetProperty("error_count").GetInt64(), "errors");
        var html = await File.ReadAllTextAsync(report);
        Assert.Contains("uPlot", html, "the report carries the embedded chart library");
    }

    /// <summary>The repository root (found from the test's output folder) and the configuration this test run was built in.</summary>
    private static (string Root, string Configuration) SourceTree()
    {
        // Output folder: ROOT/LoadTestTui.Tests/bin/CONFIGURATION/net10.0/
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        for (var dir = framework; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadTestTui.sln")))
                return (dir.FullName, configuration);
        }
        throw new AssertFailedException($"no LoadTestTui.sln above {AppContext.BaseDirectory}: this test packs the source tree it was built from");
    }

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
        ? host
        : Process.GetCurrentProcess().MainModule!.FileName;

    /// <summary>Runs one dotnet command to its end (bounded; killed on timeout); fails with its output when it fails.</summary>
    private static async Task DotnetAsync(params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // No telemetry or first-run banner noise in the failure text.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new AssertFailedException("could not start dotnet");
        var text = new StringBuilder();
        var reading = Task.WhenAll(CopyAsync(process.StandardOutput, text), CopyAsync(process.StandardError, text));
        using var cts = new CancellationTokenSource(DotnetTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            await reading.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertFailedException($"dotnet {string.Join(' ', args)} still running after {DotnetTimeout.TotalSeconds:0} s; output so far:\n{Tail(text)}");
        }
        if (process.ExitCode != 0)
            throw new AssertFailedException($"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{Tail(text)}");
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
                into.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder text)
    {
        lock (text)
            return string.Join('\n', text.ToString().Split('\n').TakeLast(30));
    }

    [GeneratedRegex(@"listening on \S*:(\d+)")]
    private static partial Regex ListeningLine();
}
