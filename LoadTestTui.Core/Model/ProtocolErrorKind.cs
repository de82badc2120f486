namespace LoadTestTui.Core.Model;

/// <summary>Why a frame could not be read, by class (counted per class in every snapshot).</summary>
public enum ProtocolErrorKind
{
    LengthOutOfRange,
    UnknownType,
    StringCountNegative,
    StringPastEnd,
    ListCountOutOfRange,
    FieldPastEnd,
    TrailingBytes,
    TruncatedFrame,
}
