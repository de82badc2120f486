namespace LoadTestTui.Core.Bots;

/// <summary>The friendly lines bots chat with when no --messages file is given.</summary>
public static class MessagePool
{
    public static IReadOnlyList<string> Default { get; } =
    [
        "Hello everyone!",
        "How is it going?",
        "Anyone up for a match?",
        "Nice weather today.",
        "brb, getting coffee",
        "gg wp",
        "Has anyone seen the new patch notes?",
        "Lag check: all good here.",
        "안녕하세요!",
        "반갑습니다 여러분",
        "오늘 날씨 좋네요",
        "한 판 더 할까요?",
        "ㅋㅋㅋ 재밌다",
        "잠시 자리 비웁니다",
    ];

    /// <summary>Reads one message per line, skipping blank lines.</summary>
    public static IReadOnlyList<string> Load(string path) =>
        File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
}
