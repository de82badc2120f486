using System.Text;

namespace LoadTestTui.Core.Text;

/// <summary>
/// Makes text that came from a peer safe to put on a terminal: escape sequences (CSI, OSC,
/// DCS and the like) are removed whole, and every other control character (C0, DEL, C1,
/// bidirectional overrides) is dropped, so a hostile server cannot move the cursor, retitle
/// the window or rewrite the screen.
/// </summary>
public static class TerminalText
{
    public static string Sanitize(string? text, int maxLength = 512)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        if (!NeedsWork(text, maxLength))
            return text;

        var sb = new StringBuilder(Math.Min(text.Length, maxLength));
        for (var i = 0; i < text.Length && sb.Length < maxLength; i++)
        {
            var c = text[i];
            if (c == '\u001B' || c == '\u009B' || c == '\u009D' || c == '\u0090')
            {
                i = SkipEscape(text, i);
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r')
            {
                sb.Append(' ');
                continue;
            }
            if (IsUnsafe(c))
                continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsWork(string text, int maxLength)
    {
        if (text.Length > maxLength)
            return true;
        foreach (var c in text)
        {
            if (IsUnsafe(c))
                return true;
        }
        return false;
    }

    private static bool IsUnsafe(char c) =>
        c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
        (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';

    /// <summary>Returns the index of the last character of the escape sequence starting at <paramref name="start"/>.</summary>
    private static int SkipEscape(string text, int start)
    {
        var c = text[start];
        var i = start + 1;
        char kind;
        if (c == '\u001B')
        {
            if (i >= text.Length)
                return start;
            kind = text[i] switch { '[' => '[', ']' => ']', 'P' or 'X' or '^' or '_' => ']', _ => '\0' };
            if (kind == '\0')
                return i; // two-character escape such as ESC c (reset): drop both
            i++;
        }
        else
        {
            kind = c == '\u009B' ? '[' : ']';
        }

        if (kind == '[')
        {
            // CSI: parameters and intermediates, then one final byte in @..~
            for (; i < text.Length; i++)
            {
                if (text[i] >= '@' && text[i] <= '~')
                    return i;
            }
            return text.Length - 1;
        }

        // OSC / DCS / SOS / PM / APC: up to BEL or ST (ESC \ or U+009C)
        for (; i < text.Length; i++)
        {
            if (text[i] == '\u0007' || text[i] == '\u009C')
                return i;
            if (text[i] == '\u001B' && i + 1 < text.Length && text[i + 1] == '\\')
                return i + 1;
        }
        return text.Length - 1;
    }
}
