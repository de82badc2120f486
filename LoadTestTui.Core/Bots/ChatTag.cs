using System.Globalization;

namespace LoadTestTui.Core.Bots;

/// <summary>
/// The delivery tag appended to each chat text: <c>[#RUN.BOT.SEQ]</c>, e.g. <c>hello [#k7q2.17.345]</c>.
/// It names the run (so two load tools on one server do not confuse each other), the sending
/// bot and that bot's message sequence; ASCII only, so it survives every supported encoding.
/// </summary>
public readonly record struct ChatTag(string RunId, int BotId, uint Sequence)
{
    private const string Open = "[#";

    public string AppendTo(string text) => string.Create(CultureInfo.InvariantCulture, $"{text} {Open}{RunId}.{BotId}.{Sequence}]");

    /// <summary>Parses a tag at the end of <paramref name="text"/> without allocating; false when there is none.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ReadOnlySpan<char> runId, out int botId, out uint sequence)
    {
        runId = default;
        botId = 0;
        sequence = 0;
        if (text.Length < 8 || text[^1] != ']')
            return false;
        var open = text.LastIndexOf(Open);
        if (open < 0)
            return false;
        var body = text[(open + Open.Length)..^1];
        var firstDot = body.IndexOf('.');
        var lastDot = body.LastIndexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot)
            return false;
        runId = body[..firstDot];
        return int.TryParse(body[(firstDot + 1)..lastDot], NumberStyles.None, CultureInfo.InvariantCulture, out botId)
            && uint.TryParse(body[(lastDot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>A short random run id (4 base-36 characters).</summary>
    public static string NewRunId()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        return string.Create(4, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        });
    }
}
