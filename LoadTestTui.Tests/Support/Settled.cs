using LoadTestTui.Core.Engine;

namespace LoadTestTui.Tests.Support;

/// <summary>Conditions a test waits for instead of sleeping "long enough" for traffic to settle.</summary>
internal static class Settled
{
    /// <summary>
    /// A condition on successive snapshots (engine or cluster): chat is paused in two snapshots in a row, every chat
    /// sent has had its echo, and no chat, echo or delivery was counted in between. Delivery counts alone cannot say
    /// it: a receiver counted online a moment before the server registered it leaves Expected and Received apart for good.
    /// </summary>
    public static Func<EngineSnapshot, bool> ChatQuiet()
    {
        EngineSnapshot? previous = null;
        return s =>
        {
            if (ReferenceEquals(s, previous))
                return false;
            var quiet = previous is { ChatPaused: true } && s.ChatPaused && s.MessagesSent == s.ChatRtt.Count
                && s.MessagesSent == previous.MessagesSent && s.MessagesReceived == previous.MessagesReceived && s.Delivery.Received == previous.Delivery.Received;
            previous = s;
            return quiet;
        };
    }

    /// <summary>Waits (bounded) until <see cref="ChatQuiet"/> holds for the snapshots <paramref name="latest"/> gives.</summary>
    public static Task ChatQuietAsync(Func<EngineSnapshot> latest, TimeSpan timeout)
    {
        var quiet = ChatQuiet();
        return Wait.UntilAsync(() => quiet(latest()), timeout, "chat paused: every echo back and nothing counted over two snapshots");
    }
}
