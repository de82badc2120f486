using System.Text;

namespace LoadTestTui.Core.Protocol;

/// <summary>How frames look on the wire. Immutable; <see cref="Validate"/> lists every problem at once.</summary>
public sealed record ProtocolOptions
{
    /// <summary>The key the original server XORs every frame with.</summary>
    public const string DefaultKey = "2025/03/01 12:13:55";

    /// <summary>The original server reads into a buffer of this size.</summary>
    public const int DefaultMaxFrameSize = 10_240;

    /// <summary>Smallest legal frame: 4-byte length plus the 8-byte type.</summary>
    public const int MinFrameSize = 12;

    /// <summary>Largest --max-frame we accept: frames are staged in one buffer of this size.</summary>
    public const int MaxFrameSizeLimit = 1 << 20;

    public static ProtocolOptions Default { get; } = new();

    /// <summary>Obfuscation key; empty means no obfuscation.</summary>
    public string Key { get; init; } = DefaultKey;

    /// <summary>utf-8 (default), ascii, cp949 or euc-kr.</summary>
    public string Encoding { get; init; } = "utf-8";

    public int MaxFrameSize { get; init; } = DefaultMaxFrameSize;

    public static IReadOnlyList<string> SupportedEncodings { get; } = ["utf-8", "ascii", "cp949", "euc-kr"];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxFrameSize < MinFrameSize || MaxFrameSize > MaxFrameSizeLimit)
            problems.Add($"--max-frame must be between {MinFrameSize} and {MaxFrameSizeLimit} bytes (got {MaxFrameSize}).");
        if (TextEncodings.TryGet(Encoding) is null)
            problems.Add($"--encoding '{Encoding}' is not supported; use one of: {string.Join(", ", SupportedEncodings)}.");
        if (Key.Any(c => c > 0x7F))
            problems.Add("--key must be ASCII (the original server's key is a date stamp).");
        return problems;
    }
}

/// <summary>Resolves the protocol's string encodings, including the Korean Windows code pages.</summary>
public static class TextEncodings
{
    static TextEncodings() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding? TryGet(string name) => name.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        "ascii" or "us-ascii" => System.Text.Encoding.ASCII,
        "cp949" or "ks_c_5601-1987" => System.Text.Encoding.GetEncoding(949),
        "euc-kr" or "euckr" => System.Text.Encoding.GetEncoding(51949),
        _ => null,
    };
}
