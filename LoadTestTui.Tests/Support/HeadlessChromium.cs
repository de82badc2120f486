using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadTestTui.Tests.Support;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c>) driven over the Chrome DevTools
/// Protocol: opens a page, records console errors, exceptions and every network request,
/// evaluates script and takes full-page screenshots. Every wait is bounded.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _calls = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts Chromium; fails the test (never skips) when it is not installed.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"{ExecutablePath} is missing: the HTML report tests need Debian's chromium package (`.ci/run` installs it, or `apt-get install -y chromium`).");
        var profile = Directory.CreateTempSubdirectory("loadtest-chromium-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-dev-shm-usage", "--mute-audio", $"--user-data-dir={profile}", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0", "about:blank",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
        return browser;
    }

    private async Task ConnectAsync()
    {
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? url = null;
        var seen = new StringBuilder();
        while (url is null)
        {
            var line = await _process.StandardError.ReadLineAsync(timeout.Token);
            if (line is null)
                Assert.Fail($"chromium exited before listening for DevTools: {seen}");
            seen.AppendLine(line);
            var at = line!.IndexOf("ws://", StringComparison.Ordinal);
            if (at >= 0)
                url = line[at..].Trim();
        }
        _ = DrainAsync(_process.StandardError);
        _ = DrainAsync(_process.StandardOutput);
        await _socket.ConnectAsync(new Uri(url), timeout.Token);
        _receiving = ReceiveAsync();
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
                // Chromium's own log lines (dbus, GPU) are not the page's console.
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process ended.
        }
    }

    /// <summary>Opens a page and records what happens on it until disposed.</summary>
    public async Task<ChromiumPage> OpenAsync(string url, bool dark = false)
    {
        var target = await CallAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await CallAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true });
        var page = new ChromiumPage(this, attached["sessionId"]!.GetValue<string>());
        foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Network.enable", "Page.enable" })
            await page.CallAsync(domain);
        await page.CallAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1280, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        if (dark)
            await page.CallAsync("Emulation.setEmulatedMedia", new JsonObject { ["features"] = new JsonArray(new JsonObject { ["name"] = "prefers-color-scheme", ["value"] = "dark" }) });
        await page.CallAsync("Page.navigate", new JsonObject { ["url"] = url });
        await Wait.UntilAsync(() => page.Events().Any(e => (string?)e["method"] == "Page.loadEventFired"), TimeSpan.FromSeconds(30), $"page load of {url}");
        return page;
    }

    internal IEnumerable<JsonObject> EventsFor(string session) => _events.Where(e => (string?)e["sessionId"] == session);

    internal async Task<JsonObject> CallAsync(string method, JsonObject? parameters = null, string? session = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var call = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _calls[id] = call;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (session is not null)
            message["sessionId"] = session;
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
        var reply = await Wait.ForAsync(call.Task, CommandTimeout, $"DevTools reply to {method}");
        if (reply["error"] is JsonObject error)
            Assert.Fail($"DevTools {method} failed: {error.ToJsonString()}");
        return reply["result"] as JsonObject ?? [];
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                var node = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)) as JsonObject;
                message.SetLength(0);
                if (node is null)
                    continue;
                if (node["id"] is JsonValue id && _calls.TryRemove(id.GetValue<int>(), out var call))
                    call.TrySetResult(node);
                else if (node["method"] is not null)
                    _events.Enqueue(node);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closed: pending calls time out with a message.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it will be reaped with the test host.
        }
        await _receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _process.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile; temp is cleaned eventually.
        }
    }
}
