using LoadTestTui.Core.Bots;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class ChatTagTests
{
    [TestMethod]
    public void AppendTo_ThenParseServerEcho_RoundTrips()
    {
        var text = new ChatTag("k7q2", 17, 345).AppendTo("안녕하세요!");
        Assert.AreEqual("안녕하세요! [#k7q2.17.345]", text);
        Assert.IsTrue(ChatTag.TryParse("-> : " + text, out var run, out var bot, out var seq));
        Assert.AreEqual("k7q2", run.ToString());
        Assert.AreEqual(17, bot);
        Assert.AreEqual(345u, seq);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("hello")]
    [DataRow("hello [#]")]
    [DataRow("hello [#abc]")]
    [DataRow("hello [#abc.1]")]
    [DataRow("hello [#abc.x.1]")]
    [DataRow("hello [#abc.1.-2]")]
    [DataRow("hello [#abc.99999999999.1]")]
    [DataRow("hello [#abc.1.2] trailing")]
    public void TryParse_NotATag_ReturnsFalse(string text) =>
        Assert.IsFalse(ChatTag.TryParse(text, out _, out _, out _));

    [TestMethod]
    public void NewRunId_IsFourBase36Characters()
    {
        var id = ChatTag.NewRunId();
        Assert.AreEqual(4, id.Length);
        Assert.IsTrue(id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)));
    }
}
