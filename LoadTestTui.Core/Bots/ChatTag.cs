using System.Globalization;
using System.Numerics;

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
    public static bool TryParse(ReadOnlySpan<char> text, out ReadOnlySpan<char> runId, out int botId, out uint sequence) =>
        TryParseCore(text, out runId, out botId, out sequence);

    /// <summary>
    /// The same parse over encoded bytes (UTF-8, ASCII, CP949 or EUC-KR: the tag is ASCII, and in
    /// each of them an ASCII byte is always that character), so a received chat needs no string.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ReadOnlySpan<byte> runId, out int botId, out uint sequence) =>
        TryParseCore(text, out runId, out botId, out sequence);

    private static bool TryParseCore<T>(ReadOnlySpan<T> text, out ReadOnlySpan<T> runId, out int botId, out uint sequence)
        where T : unmanaged, IBinaryInteger<T>
    {
        runId = default;
        botId = 0;
        sequence = 0;
        if (text.Length < 8 || text[^1] != T.CreateTruncating(']'))
            return false;
        ReadOnlySpan<T> open = [T.CreateTruncating('['), T.CreateTruncating('#')];
        var at = text.LastIndexOf(open);
        if (at < 0)
            return false;
        var body = text[(at + open.Length)..^1];
        var dot = T.CreateTruncating('.');
        var firstDot = body.IndexOf(dot);
        var lastDot = body.LastIndexOf(dot);
        if (firstDot <= 0 || lastDot <= firstDot)
            return false;
        runId = body[..firstDot];
        if (!TryDigits(body[(firstDot + 1)..lastDot], int.MaxValue, out var bot) || !TryDigits(body[(lastDot + 1)..], uint.MaxValue, out var seq))
            return false;
        botId = (int)bot;
        sequence = (uint)seq;
        return true;
    }

    /// <summary>Unsigned decimal digits only (no sign, no spaces), at most <paramref name="max"/>.</summary>
    private static bool TryDigits<T>(ReadOnlySpan<T> digits, ulong max, out ulong value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        if (digits.IsEmpty)
            return false;
        foreach (var c in digits)
        {
            var d = ulong.CreateTruncating(c) - '0';
            if (d > 9)
                return false;
            value = value * 10 + d;
            if (value > max)
                return false;
        }
        return true;
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
