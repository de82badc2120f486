using System.Globalization;
using CsvHelper;

namespace LoadTestTui.Core.Export;

/// <summary>A CSV file's shape: a header and a pure row function. Every CSV the tool writes is one of these.</summary>
public sealed record CsvTable<T>(IReadOnlyList<string> Header, Func<T, object?[]> ToRow)
{
    /// <summary>Writes the header and rows atomically (temp file + rename).</summary>
    public Task<ExportResult> WriteAsync(string path, IEnumerable<T> rows, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, async stream =>
        {
            // Fields are formatted here (invariant culture, NaN as empty); CsvHelper does the quoting.
            await using var csv = CsvWriter.Create(stream, options: null, leaveOpen: true);
            csv.WriteRecord([.. Header]);
            foreach (var row in rows)
                csv.WriteRecord(Array.ConvertAll(ToRow(row), Format));
            await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static string Format(object? field) => field switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => field.ToString() ?? "",
    };
}
