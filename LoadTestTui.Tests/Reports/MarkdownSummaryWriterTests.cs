using LoadTestTui.Core.Reports;

namespace LoadTestTui.Tests.Reports;

[TestClass]
public sealed class MarkdownSummaryWriterTests
{
    [TestMethod]
    public void Write_FiguresTable_ThresholdLines_ReportLink()
    {
        var md = MarkdownSummaryWriter.Write(JunitWriterTests.Report([JunitWriterTests.Failing, JunitWriterTests.Passing]), "report%20files/run.html");
        StringAssert.Contains(md, "**1 of 2 thresholds failed.**");
        StringAssert.Contains(md, "| Figure | Value |\n|---|---|\n| Duration | 83.0 s (stopped) |");
        StringAssert.Contains(md, "| Messages sent | 166 (avg 2.0/s, peak 2.0/s) |", "no timeline: the peak is the average");
        StringAssert.Contains(md, "- ❌ FAIL `echo.p99 < 200ms`: measured 257.151 ms, limit < 200 ms");
        StringAssert.Contains(md, "- ✅ PASS `errors.rate < 5%`: measured 1.2% over 60 s, limit < 5%");
        Assert.EndsWith("[HTML report](report%20files/run.html)\n", md.ReplaceLineEndings("\n"));
    }

    [TestMethod]
    public void RelativeLink_FromTheMarkdownsFolder_SlashSeparatedAndEscaped()
    {
        var root = Path.GetTempPath();
        Assert.AreEqual("../html/my%20run.html", MarkdownSummaryWriter.RelativeLink(Path.Combine(root, "ci", "summary.md"), Path.Combine(root, "html", "my run.html")));
        Assert.AreEqual("run.html", MarkdownSummaryWriter.RelativeLink(Path.Combine(root, "summary.md"), Path.Combine(root, "run.html")));
    }
}
