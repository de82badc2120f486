using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Protocol;

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

    public static IEnumerable<object[]> NotTags =>
    [
        [""],
        ["hello"],
        ["hello [#]"],
        ["hello [#abc]"],
        ["hello [#abc.1]"],
        ["hello [#abc.x.1]"],
        ["hello [#abc.1.-2]"],
        ["hello [#abc.99999999999.1]"],
        ["hello [#abc.1.2] trailing"],
    ];

    /// <summary>Every case above, and edges of ones that parse.</summary>
    public static IEnumerable<object[]> AllCases => NotTags.Concat(
    [
        ["-> : 안녕하세요! [#k7q2.17.345]"],
        ["-> : hi [#k7q2.2147483647.4294967295]"],
        ["-> : hi [#k7q2.2147483648.1]"],
        ["-> : hi [#k7q2.1.4294967296]"],
        ["[#a [#k7q2.0.0]"],
        ["-> : hi [#k7q2.+1.2]"],
        ["-> : hi [#k7q2. 1.2]"],
        ["-> : hi [#k7q2.1.2.3]"],
        ["-> : hi [#런.1.2]"],
    ]);

    [TestMethod]
    [DynamicData(nameof(NotTags))]
    public void TryParse_NotATag_ReturnsFalse(string text) =>
        Assert.IsFalse(ChatTag.TryParse(text, out _, out _, out _));

    /// <summary>The byte parser used on received frames agrees with the string parser, in every encoding.</summary>
    [TestMethod]
    [DynamicData(nameof(AllCases))]
    public void TryParse_Bytes_SameAsString(string text)
    {
        foreach (var encoding in new[] { "utf-8", "cp949", "euc-kr" })
        {
            var bytes = TextEncodings.TryGet(encoding)!.GetBytes(text);
            var fromString = ChatTag.TryParse(text, out var run, out var bot, out var seq);
            var fromBytes = ChatTag.TryParse(bytes, out var runBytes, out var botBytes, out var seqBytes);
            Assert.AreEqual(fromString, fromBytes, $"{encoding}: {text}");
            Assert.AreEqual(bot, botBytes, encoding);
            Assert.AreEqual(seq, seqBytes, encoding);
            Assert.AreEqual(run.ToString(), TextEncodings.TryGet(encoding)!.GetString(runBytes), encoding);
        }
    }

    [TestMethod]
    public void NewRunId_IsFourBase36Characters()
    {
        var id = ChatTag.NewRunId();
        Assert.AreEqual(4, id.Length);
        Assert.IsTrue(id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)));
    }
}
