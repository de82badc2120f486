using LoadTestTui.Core.Capacity;
using LoadTestTui.Core.Verdicts;

namespace LoadTestTui.Tests.Support;

/// <summary>Thresholds for tests, parsed by the real parser (a test fails on a typo here, it does not skip).</summary>
internal static class TestThresholds
{
    public static Threshold Parse(string text, bool abort = false, double graceSeconds = 0)
    {
        Assert.IsTrue(ThresholdParser.TryParse(text, out var threshold, out var problem, abort, TimeSpan.FromSeconds(graceSeconds)), problem);
        return threshold!;
    }

    public static IReadOnlyList<Threshold> DefaultSlo { get; } = [.. CapacityOptions.DefaultSlo.Select(t => Parse(t))];
}
