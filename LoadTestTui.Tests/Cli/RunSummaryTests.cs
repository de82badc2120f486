using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

/// <summary>The final summary and the results file give the run's rates (averages and peak seconds), not the last tick's.</summary>
[TestClass]
public sealed class RunSummaryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [TestMethod]
    [Timeout(90_000, CooperativeCancellation = true)]
    public async Task Run_AfterBotsLeft_SummaryAndJsonGiveRunAveragesAndPeaks()
    {
        await using var server = await TestServers.StartAsync();
        using var dir = new TempDirectory();
        var json = Path.Combine(dir.Path, "results.json");
        using var app = AppProcess.Start("run", "--host", "127.0.0.1", "--port", $"{server.Port}", "--bots", "5", "--duration", "4",
            "--chat-interval", "0.2-0.4", "--status-interval", "0", "--output", json, "--log", Path.Combine(dir.Path, "run.log"),
            "--monitor-pid", $"{Environment.ProcessId}"); // the reference server runs in this process

        Assert.AreEqual(0, await app.WaitForExitAsync(Patience), string.Join(" | ", app.ErrorLines));
        var output = string.Join("\n", await app.RemainingOutputAsync(TimeSpan.FromSeconds(5)));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = doc.RootElement;
        Assert.AreEqual("stopped", root.GetProperty("run").GetProperty("state").GetString(), "the bots have left");
        var elapsed = root.GetProperty("elapsed_time").GetDouble();
        var sent = root.GetProperty("messages_sent").GetInt64();
        var received = root.GetProperty("messages_received").GetInt64();
        Assert.IsGreaterThan(0L, sent, output);

        var rates = root.GetProperty("rates");
        Assert.AreEqual(elapsed, rates.GetProperty("duration_s").GetDouble(), 1e-9);
        AssertRate(rates.GetProperty("messages_sent"), sent, elapsed);
        AssertRate(rates.GetProperty("messages_received"), received, elapsed);
        AssertRate(rates.GetProperty("bytes_sent"), root.GetProperty("totals").GetProperty("bytes_sent").GetInt64(), elapsed);
        AssertRate(rates.GetProperty("bytes_received"), root.GetProperty("totals").GetProperty("bytes_received").GetInt64(), elapsed);
        AssertRate(rates.GetProperty("connects"), root.GetProperty("totals").GetProperty("connects").GetInt64(), elapsed);
        var ramp = root.GetProperty("ramp");
        Assert.IsGreaterThan(0.0, ramp.GetProperty("effective_peak_per_s").GetDouble(), "the ramp started 5 bots");
        Assert.IsGreaterThanOrEqualTo(ramp.GetProperty("effective_avg_per_s").GetDouble(), ramp.GetProperty("effective_peak_per_s").GetDouble());

        var summary = output[output.IndexOf("Load test summary", StringComparison.Ordinal)..];
        var line = new Regex(@"Throughput: avg ([0-9.]+) msgs/s out, ([0-9.]+) msgs/s in over ([0-9.]+)s; peak ([0-9.]+) msgs/s out \(t=\d+s\), ([0-9.]+) msgs/s in").Match(summary);
        Assert.IsTrue(line.Success, summary);
        double At(int group) => double.Parse(line.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.AreEqual(sent / elapsed, At(1), 0.051, "average out = messages sent / run time");
        Assert.AreEqual(received / elapsed, At(2), 0.051, "average in = messages received / run time");
        Assert.AreEqual(elapsed, At(3), 0.051);
        Assert.IsGreaterThan(0.0, At(1));
        Assert.IsGreaterThanOrEqualTo(At(1), At(4), "peak out >= average out");
        Assert.IsGreaterThanOrEqualTo(At(2), At(5), "peak in >= average in");
        StringAssert.Matches(summary, new Regex(@"Connects: avg [1-9][0-9.]*/s, peak [1-9][0-9.]*/s"));
        StringAssert.Matches(summary, new Regex(@"Server over the run \([1-9][0-9]* samples\): CPU avg [0-9.]+%, max [0-9.]+%; memory avg [1-9][0-9]*MB, max [1-9][0-9]*MB; threads max [1-9]"),
            "the monitor's last sample comes after the bots left; this line covers the run");
    }

    private static void AssertRate(JsonElement rate, long total, double elapsed)
    {
        var average = rate.GetProperty("avg_per_s").GetDouble();
        Assert.IsGreaterThan(0.0, average);
        Assert.AreEqual(total / elapsed, average, 0.0006, "average = total / run time (rounded to 3 decimals)");
        Assert.IsGreaterThanOrEqualTo(average, rate.GetProperty("peak_per_s").GetDouble(), "the busiest second is at least the average");
        Assert.IsGreaterThanOrEqualTo(1, rate.GetProperty("peak_t").GetInt32());
    }
}
