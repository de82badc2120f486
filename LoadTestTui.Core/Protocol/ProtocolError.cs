namespace LoadTestTui.Core.Protocol;

/// <summary>Why a frame could not be read. Detail is safe to show: it never echoes peer text.</summary>
public readonly record struct ProtocolError(ProtocolErrorKind Kind, string Detail)
{
    public override string ToString() => $"{Kind}: {Detail}";
}
