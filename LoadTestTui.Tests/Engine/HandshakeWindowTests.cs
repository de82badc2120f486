using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Engine;

[TestClass]
public sealed class HandshakeWindowTests
{
    private const long Ms = 1; // the tests' clock counts milliseconds

    /// <summary>
    /// Scripts of handshakes, one a second: f = answered in 100 ms, s = answered in 900 ms (over the
    /// 500 ms target), S = slow but begun at time 0 (before any cut), x = failed. "f*16" repeats.
    /// Initial window 16, max 64.
    /// </summary>
    [TestMethod]
    [DataRow("", 16)]
    [DataRow("f", 17)]
    [DataRow("f*16", 32)]
    [DataRow("f*80", 64)]
    [DataRow("s", 8)]
    [DataRow("f*16 s", 16)]
    [DataRow("f*16 s f*40", 18)]
    [DataRow("s f*4", 8)]
    [DataRow("s S", 8)]
    [DataRow("S S", 8)]
    [DataRow("x", 8)]
    [DataRow("x x x", 4)]
    [DataRow("x*10 f*10", 6)]
    public void Size_AfterAnswers_GrowsOnFastShrinksOnSlowOrFailed(string script, int expected)
    {
        var window = new HandshakeWindow(16, 64, TimeSpan.FromMilliseconds(500), 1000);
        long now = 1000;
        foreach (var token in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split('*');
            var times = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            for (var i = 0; i < times; i++, now += 1000)
            {
                Assert.IsTrue(window.TryBegin(), "one handshake at a time always fits");
                switch (parts[0])
                {
                    case "f":
                        window.Answered(now, now + 100 * Ms);
                        break;
                    case "s":
                        window.Answered(now, now + 900 * Ms);
                        break;
                    case "S":
                        window.Answered(0, now + 900 * Ms);
                        break;
                    case "x":
                        window.Failed(now, now + 50 * Ms, ErrorKind.ConnectTimeout);
                        break;
                    default:
                        Assert.Fail($"unknown token {token}");
                        break;
                }
            }
        }
        Assert.AreEqual(expected, window.Size);
        Assert.AreEqual(0, window.InFlight);
    }

    [TestMethod]
    public void TryBegin_WindowFull_RefusesUntilOneEnds()
    {
        var window = new HandshakeWindow(4, 64, TimeSpan.FromMilliseconds(500), 1000);
        for (var i = 0; i < 4; i++)
            Assert.IsTrue(window.TryBegin());
        Assert.IsFalse(window.TryBegin());
        window.Abandoned();
        Assert.IsTrue(window.TryBegin());
        Assert.AreEqual(4, window.PeakInFlight);
        Assert.AreEqual(4, window.Size, "an abandoned handshake says nothing about the server");
    }

    [TestMethod]
    public void LastSignal_AfterCuts_NamesTheCause()
    {
        var window = new HandshakeWindow(16, 64, TimeSpan.FromMilliseconds(500), 1000);
        Assert.AreEqual(HandshakeSignal.None, window.LastSignal);
        window.TryBegin();
        window.Answered(1000, 2000);
        Assert.AreEqual(HandshakeSignal.Slow, window.LastSignal);
        window.TryBegin();
        window.Failed(3000, 3100, ErrorKind.ConnectRefused);
        Assert.AreEqual(HandshakeSignal.Failed, window.LastSignal);
        Assert.AreEqual(ErrorKind.ConnectRefused, window.LastFailure);
    }
}
