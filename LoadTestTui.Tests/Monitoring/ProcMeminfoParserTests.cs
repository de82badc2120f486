using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class ProcMeminfoParserTests
{
    [TestMethod]
    public void TryParse_CapturedMeminfo_UsesMemAvailable()
    {
        const string text = "MemTotal:       24684092 kB\nMemFree:        24169300 kB\nMemAvailable:   24340972 kB\nBuffers:            2484 kB\nCached:           370996 kB\n";
        Assert.IsTrue(ProcMeminfoParser.TryParse(text, out var memory));
        Assert.AreEqual(24684092L * 1024, memory.TotalBytes);
        Assert.AreEqual(24340972L * 1024, memory.AvailableBytes);
    }

    [TestMethod]
    public void TryParse_NoMemAvailable_FallsBackToFreeBuffersCached()
    {
        const string text = "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 20 kB\nCached: 300 kB\n";
        Assert.IsTrue(ProcMeminfoParser.TryParse(text, out var memory));
        Assert.AreEqual(420L * 1024, memory.AvailableBytes);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("MemFree: 100 kB\n")]
    public void TryParse_NoTotal_ReturnsFalse(string text) =>
        Assert.IsFalse(ProcMeminfoParser.TryParse(text, out _));
}
