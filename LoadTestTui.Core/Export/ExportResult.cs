namespace LoadTestTui.Core.Export;

/// <summary>The outcome of writing one file: where it went, or a one-line reason it could not be written.</summary>
public sealed record ExportResult(string Path, bool Success, string? Error)
{
    public static ExportResult Written(string path) => new(path, true, null);

    public static ExportResult Failed(string path, string error) => new(path, false, error);

    public override string ToString() => Success ? $"wrote {Path}" : $"export failed: {Error}";
}
