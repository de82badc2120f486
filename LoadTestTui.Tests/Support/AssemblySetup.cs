namespace LoadTestTui.Tests.Support;

[TestClass]
public static class AssemblySetup
{
    /// <summary>Terminal.Gui 2.5 has no fake driver: this makes the real ones draw into memory only.</summary>
    [AssemblyInitialize]
    public static void Initialize(TestContext context) =>
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}
