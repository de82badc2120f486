using LoadTestTui.Core.Text;

namespace LoadTestTui.Tests.Text;

[TestClass]
public sealed class TerminalTextTests
{
    [TestMethod]
    [DataRow("plain text", "plain text")]
    [DataRow("안녕하세요 봇들!", "안녕하세요 봇들!")]
    [DataRow("\u001b[2Jwiped", "wiped")]
    [DataRow("\u001b[31;1mred\u001b[0m", "red")]
    [DataRow("\u001b]0;pwned title\u0007after", "after")]
    [DataRow("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")]
    [DataRow("bell\u0007 and back\bspace", "bell and backspace")]
    [DataRow("line\r\nbreak", "line  break")]
    [DataRow("\u009b2Jc1 csi", "c1 csi")]
    [DataRow("rtl\u202Eoverride", "rtloverride")]
    [DataRow("esc at end\u001b", "esc at end")]
    [DataRow("\u001bcreset", "reset")]
    public void Sanitize_Table(string input, string expected) => Assert.AreEqual(expected, TerminalText.Sanitize(input));

    [TestMethod]
    public void Sanitize_LongText_IsCapped() => Assert.AreEqual(10, TerminalText.Sanitize(new string('x', 100), 10).Length);

    [TestMethod]
    public void Sanitize_Null_IsEmpty() => Assert.AreEqual("", TerminalText.Sanitize(null));

    [TestMethod]
    public void Sanitize_CleanText_ReturnsSameInstance()
    {
        const string clean = "nothing to strip";
        Assert.AreSame(clean, TerminalText.Sanitize(clean));
    }
}
