using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace LoadTestTui.Cli;

/// <summary>
/// Logs to a file through a bounded queue drained by one background task, so a burst of
/// bot events never blocks a bot; past the bound, lines are dropped (the engine already caps its events per tick).
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly StreamWriter _writer;
    private readonly Task _drain;

    private FileLoggerProvider(StreamWriter writer)
    {
        _writer = writer;
        _drain = DrainAsync();
    }

    /// <summary>Opens the log for appending; returns null and a reason when it cannot be written.</summary>
    public static FileLoggerProvider? TryOpen(string path, out string? error)
    {
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            error = null;
            return new FileLoggerProvider(new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot write log file '{path}': {ex.Message}";
            return null;
        }
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _drain.Wait(TimeSpan.FromSeconds(2));
        _writer.Dispose();
    }

    private async Task DrainAsync()
    {
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await _writer.WriteLineAsync(line).ConfigureAwait(false);
                if (_lines.Reader.Count == 0)
                    await _writer.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // Disk full or the file went away: logging stops, the run goes on.
        }
    }

    private sealed class FileLogger(FileLoggerProvider owner, string category) : ILogger
    {
        private readonly string _category = category[(category.LastIndexOf('.') + 1)..];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:yyyy-MM-dd HH:mm:ss.fff} {Level(logLevel)} {_category}: {formatter(state, exception)}");
            if (exception is not null)
                line += $" ({exception.GetType().Name}: {exception.Message})";
            owner._lines.Writer.TryWrite(line);
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Critical => "CRIT",
            LogLevel.Error => "ERROR",
            LogLevel.Warning => "WARN",
            _ => "INFO",
        };
    }
}
