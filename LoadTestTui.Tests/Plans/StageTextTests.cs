using LoadTestTui.Core.Plans;

namespace LoadTestTui.Tests.Plans;

[TestClass]
public sealed class StageTextTests
{
    [TestMethod]
    [DataRow("30s:100", 30.0, 100)]
    [DataRow("1m30s:2000", 90.0, 2000)]
    [DataRow("0:0", 0.0, 0)]
    [DataRow(" 250ms : 5 ", 0.25, 5)]
    [DataRow("2h:10", 7200.0, 10)]
    [DataRow("45:7", 45.0, 7)]
    public void TryParse_Valid_GivesStage(string text, double seconds, int target)
    {
        Assert.IsTrue(StageText.TryParse(text, out var stage, out var problem), problem);
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), stage.Duration);
        Assert.AreEqual(target, stage.Target);
    }

    [TestMethod]
    [DataRow("30s", "DURATION:TARGET")]
    [DataRow("30x:100", "not a duration")]
    [DataRow("-5s:100", "not a duration")]
    [DataRow("30s:-1", "not a bot count")]
    [DataRow("30s:lots", "not a bot count")]
    [DataRow("30s:2000000", "not a bot count")]
    public void TryParse_Invalid_SaysWhy(string text, string expected)
    {
        Assert.IsFalse(StageText.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem!);
    }

    [TestMethod]
    [DataRow(90.0, "1m30s")]
    [DataRow(0.25, "250ms")]
    [DataRow(3600.0, "1h")]
    [DataRow(0.0, "0s")]
    [DataRow(100_000.0, "27h46m40s")]
    public void DurationText_Format_IsShortAndParsesBack(double seconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromSeconds(seconds));
        Assert.AreEqual(expected, text);
        Assert.IsTrue(DurationText.TryParse(text, out var back));
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), back);
    }
}
