using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class ProcPidStatTests
{
    // Captured from /proc/self/stat of `cat`, then with utime/stime/threads/rss edited to be distinct.
    private const string Captured =
        "9145 (cat) R 9141 9141 3451 0 -1 4194304 101 0 0 0 250 75 0 0 20 0 7 0 105018 3133440 394 " +
        "18446744073709551615 94662632992768 94662633012649 140725104900832 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

    [TestMethod]
    public void TryParse_CapturedStat_ReadsFields()
    {
        Assert.IsTrue(ProcPidStat.TryParse(Captured, out var stat));
        Assert.AreEqual(9145, stat.Pid);
        Assert.AreEqual("cat", stat.Comm);
        Assert.AreEqual('R', stat.State);
        Assert.AreEqual(250L, stat.UserTicks);
        Assert.AreEqual(75L, stat.SystemTicks);
        Assert.AreEqual(7, stat.Threads);
        Assert.AreEqual(105018L, stat.StartTime);
        Assert.AreEqual(394L, stat.ResidentPages);
        Assert.AreEqual(TimeSpan.FromSeconds(3.25), stat.CpuTime);
        Assert.AreEqual("running", stat.StatusName);
    }

    [TestMethod]
    public void TryParse_NameWithSpacesAndParentheses_EndsAtLastParenthesis()
    {
        var text = Captured.Replace("(cat)", "(my (odd) name)", StringComparison.Ordinal);
        Assert.IsTrue(ProcPidStat.TryParse(text, out var stat));
        Assert.AreEqual("my (odd) name", stat.Comm);
        Assert.AreEqual(250L, stat.UserTicks);
    }

    [TestMethod]
    [DataRow('R', "running", false)]
    [DataRow('S', "sleeping", false)]
    [DataRow('D', "disk-sleep", false)]
    [DataRow('T', "stopped", false)]
    [DataRow('I', "idle", false)]
    [DataRow('Z', "zombie", true)]
    [DataRow('X', "dead", true)]
    public void StatusName_StateLetter_IsPsutilWord(char state, string expected, bool gone)
    {
        var stat = new ProcPidStat(1, "x", state, 0, 0, 1, 0, 0);
        Assert.AreEqual(expected, stat.StatusName);
        Assert.AreEqual(gone, stat.IsGone);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("9145 cat R 1 2 3")]
    [DataRow("9145 (cat) R 9141 9141")]
    [DataRow("x (cat) R 9141 9141 3451 0 -1 4194304 101 0 0 0 250 75 0 0 20 0 7 0 105018 3133440 394")]
    public void TryParse_Malformed_ReturnsFalse(string text) =>
        Assert.IsFalse(ProcPidStat.TryParse(text, out _));
}
