using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Support;

/// <summary>Conditions a test waits for instead of sleeping "long enough" for traffic to settle.</summary>
internal static class Settled
{
    /// <summary>
    /// With chat paused, waits until every chat sent has had its echo and two snapshots in a row (engine or cluster)
    /// count the same deliveries. Delivery counts alone cannot say it: a receiver counted online a moment before the
    /// server registered it leaves Expected and Received apart for good.
    /// </summary>
    public static Task ChatQuietAsync(Func<EngineSnapshot> latest, TimeSpan timeout)
    {
        EngineSnapshot? previous = null;
        return Wait.UntilAsync(() =>
        {
            var s = latest();
            if (ReferenceEquals(s, previous))
                return false;
            var quiet = previous is not null && s.MessagesSent == s.ChatRtt.Count
                && s.MessagesSent == previous.MessagesSent && s.MessagesReceived == previous.MessagesReceived && s.Delivery.Received == previous.Delivery.Received;
            previous = s;
            return quiet;
        }, timeout, "chat paused: every echo back and deliveries steady over two snapshots");
    }
}
