namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>
/// Checks that all run before one assertion: a failing contract test names every figure that
/// broke the contract (expected and actual), not only the first.
/// </summary>
internal sealed class ContractChecks
{
    private readonly List<string> _failures = [];

    public void Equal<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            _failures.Add($"{what}: expected {Show(expected)}, actual {Show(actual)}");
    }

    public void True(string what, bool condition, string actual)
    {
        if (!condition)
            _failures.Add($"{what}: actual {actual}");
    }

    public void Within(string what, double low, double high, double actual)
    {
        if (!(actual >= low && actual <= high))
            _failures.Add($"{what}: expected {low:0.###}..{high:0.###}, actual {actual:0.###}");
    }

    private static string Show(object? value) => value?.ToString() ?? "null";

    public void AssertAll()
    {
        if (_failures.Count > 0)
            Assert.Fail($"{_failures.Count} contract check(s) failed:{Environment.NewLine}{string.Join(Environment.NewLine, _failures)}");
    }
}
