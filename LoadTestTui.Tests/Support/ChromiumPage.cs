using System.Text.Json.Nodes;

namespace LoadTestTui.Tests.Support;

/// <summary>One open tab: its recorded events, script evaluation and screenshots.</summary>
internal sealed class ChromiumPage(HeadlessChromium browser, string session)
{
    public Task<JsonObject> CallAsync(string method, JsonObject? parameters = null) => browser.CallAsync(method, parameters, session);

    public IEnumerable<JsonObject> Events() => browser.EventsFor(session);

    /// <summary>Console errors and warnings, uncaught exceptions and browser log errors (CSP violations among them).</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Events().Where(e => (string?)e["method"] == "Runtime.consoleAPICalled" && (string?)e["params"]!["type"] is "error" or "warning" or "assert")
            .Select(e => $"console.{e["params"]!["type"]}: {e["params"]!["args"]?.ToJsonString()}"),
        .. Events().Where(e => (string?)e["method"] == "Runtime.exceptionThrown")
            .Select(e => $"exception: {e["params"]!["exceptionDetails"]?.ToJsonString()}"),
        .. Events().Where(e => (string?)e["method"] == "Log.entryAdded" && (string?)e["params"]!["entry"]!["level"] is "error" or "warning")
            .Select(e => $"log: {e["params"]!["entry"]!["text"]}"),
    ];

    /// <summary>Every URL the page asked the network stack for.</summary>
    public IReadOnlyList<string> Requests() =>
        [.. Events().Where(e => (string?)e["method"] == "Network.requestWillBeSent").Select(e => (string?)e["params"]!["request"]!["url"] ?? "")];

    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } details)
            Assert.Fail($"script failed: {expression}: {details.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>A PNG of the whole page, not only the viewport.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var metrics = await CallAsync("Page.getLayoutMetrics");
        var size = metrics["cssContentSize"] ?? metrics["contentSize"];
        var clip = new JsonObject
        {
            ["x"] = 0, ["y"] = 0, ["scale"] = 1,
            ["width"] = size!["width"]!.GetValue<double>(),
            ["height"] = Math.Min(16_000, size["height"]!.GetValue<double>()),
        };
        var shot = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["optimizeForSpeed"] = true, ["clip"] = clip });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
    }
}
