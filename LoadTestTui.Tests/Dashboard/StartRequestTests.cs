using LoadTestTui.Dashboard;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
public sealed class StartRequestTests
{
    [TestMethod]
    public void Parse_ValidFields_ReturnsRequest()
    {
        var request = StartRequest.Parse(" 250 ", "60", "12.5", out var problems);
        Assert.AreEqual(0, problems.Count);
        Assert.AreEqual(new StartRequest(250, TimeSpan.FromSeconds(60), 12.5), request);
    }

    [TestMethod]
    public void Parse_ZeroDuration_MeansUnlimited() =>
        Assert.IsNull(StartRequest.Parse("1", "0", "1", out _)!.Duration);

    [TestMethod]
    public void Parse_EveryFieldWrong_ListsEveryProblem()
    {
        var request = StartRequest.Parse("0", "-1", "abc", out var problems);
        Assert.IsNull(request);
        Assert.AreEqual(3, problems.Count);
    }

    [TestMethod]
    [DataRow("", "0", "1")]
    [DataRow("1.5", "0", "1")]
    [DataRow("2000000", "0", "1")]
    [DataRow("10", "soon", "1")]
    [DataRow("10", "0", "0")]
    [DataRow("10", "0", "NaN")]
    public void Parse_InvalidField_ReturnsNull(string bots, string duration, string ramp) =>
        Assert.IsNull(StartRequest.Parse(bots, duration, ramp, out _));
}
