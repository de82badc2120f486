using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Bots;

[TestClass]
public sealed class HandshakeWindowTests
{
    /// <summary>
    /// Scripts of rounds, one a second, each as many handshakes as the window allows, all begun at
    /// once (clock in ms; initial window 16, max 64, target 500 ms). f: every answer in 100 ms;
    /// s: every answer in 900 ms; m: one slow outlier, the rest fast; q: a third slow; S: slow
    /// answers to handshakes begun at time 0, before any cut; x: one failed handshake. "f*4" repeats.
    /// </summary>
    [TestMethod]
    [DataRow("", 16)]
    [DataRow("f", 32)]
    [DataRow("f f", 64)]
    [DataRow("f*5", 64)]
    [DataRow("s", 8)]
    [DataRow("s f", 10)] // past the first cut a round grows it by an eighth of the round (at least 16 answers)
    [DataRow("f s", 16)]
    [DataRow("f s f f", 20)]
    [DataRow("s*5", 8)] // never below the minimum
    [DataRow("m", 32)]
    [DataRow("q", 8)]
    [DataRow("f s S", 16)]
    [DataRow("x", 8)]
    [DataRow("x x x", 8)] // never below the minimum
    [DataRow("x*10 f*10", 32)]
    public void Size_AfterRounds_GrowsOnFastShrinksOnSlowOrFailed(string script, int expected)
    {
        var window = new HandshakeWindow(16, 64, TimeSpan.FromMilliseconds(500), 1000);
        long now = 1000;
        foreach (var token in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split('*');
            var times = parts.Length == 2 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            for (var round = 0; round < times; round++, now += 1000)
                PlayRound(window, parts[0], now);
        }
        Assert.AreEqual(expected, window.Size);
        Assert.AreEqual(0, window.InFlight);
    }

    private static void PlayRound(HandshakeWindow window, string kind, long now)
    {
        if (kind == "x")
        {
            Assert.IsTrue(window.TryBegin());
            window.Failed(now, now + 50, ErrorKind.ConnectTimeout);
            return;
        }
        // A round is a window's worth of answers, at least MinimumRound: a narrow window plays it in batches.
        var round = Math.Max(window.Size, HandshakeWindow.MinimumRound);
        for (var answered = 0; answered < round;)
        {
            var batch = Math.Min(window.Size, round - answered);
            for (var i = 0; i < batch; i++)
                Assert.IsTrue(window.TryBegin(), "a batch fits the window");
            if (batch == window.Size)
                Assert.IsFalse(window.TryBegin(), "and no more");
            for (var i = 0; i < batch; i++, answered++)
            {
                var slow = kind switch
                {
                    "f" => false,
                    "s" or "S" => true,
                    "m" => answered == 0,
                    "q" => answered % 3 == 0,
                    _ => throw new AssertFailedException($"unknown round {kind}"),
                };
                var began = kind == "S" ? 0 : now;
                window.Answered(began, now + (slow ? 900 : 100));
            }
        }
    }

    [TestMethod]
    public void TryBegin_WindowFull_RefusesUntilOneEnds()
    {
        var window = new HandshakeWindow(HandshakeWindow.MinimumSize, 64, TimeSpan.FromMilliseconds(500), 1000);
        for (var i = 0; i < HandshakeWindow.MinimumSize; i++)
            Assert.IsTrue(window.TryBegin());
        Assert.IsFalse(window.TryBegin());
        window.Abandoned();
        Assert.IsTrue(window.TryBegin());
        Assert.AreEqual(HandshakeWindow.MinimumSize, window.PeakInFlight);
        Assert.AreEqual(HandshakeWindow.MinimumSize, window.Size, "an abandoned handshake says nothing about the server");
    }

    [TestMethod]
    public void LastSignal_AfterCuts_NamesTheCause()
    {
        var window = new HandshakeWindow(16, 64, TimeSpan.FromMilliseconds(500), 1000);
        Assert.AreEqual(HandshakeSignal.None, window.LastSignal);
        for (var i = 0; i < 16; i++)
            window.TryBegin();
        for (var i = 0; i < 16; i++)
            window.Answered(1000, 5000);
        Assert.AreEqual(HandshakeSignal.Slow, window.LastSignal);
        window.TryBegin();
        window.Failed(6000, 6100, ErrorKind.ConnectRefused);
        Assert.AreEqual(HandshakeSignal.Failed, window.LastSignal);
        Assert.AreEqual(ErrorKind.ConnectRefused, window.LastFailure);
    }
}
