using System.CommandLine;
using LoadTestTui.Core.Export;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Cli;

/// <summary>
/// `loadtest monitor`: the original server_monitor.py. Prints the server block each interval and,
/// at the end of the duration or on Ctrl+C / SIGTERM, writes the JSON and CSV outputs.
/// Exit codes: 0 done, 1 an output could not be written, 2 bad options.
/// </summary>
internal static class MonitorCommand
{
    public const string DefaultProcess = "ChattingServer";

    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var process = new Option<string?>("--process") { HelpName = "NAME", Description = $"Process name to watch, case-insensitive, \".exe\" optional (default {DefaultProcess} when no --pid or --port is given)." };
        var pid = new Option<int?>("--pid") { HelpName = "PID", Description = "Process id to watch." };
        var port = new Option<int?>("--port") { HelpName = "PORT", Description = "Alone: watch whoever listens on this TCP port (Linux). With --process or --pid: the load-test port whose connections are counted apart." };
        var interval = new Option<double>("--interval") { HelpName = "SECONDS", Description = "Seconds between samples (0.1 to 3600).", DefaultValueFactory = _ => 1.0 };
        var duration = new Option<double?>("--duration") { HelpName = "SECONDS", Description = "Seconds to monitor; without it, runs until Ctrl+C." };
        var json = new Option<string?>("--output") { HelpName = "FILE", Description = "Write the samples as JSON to this file at the end." };
        var csv = new Option<string?>("--csv") { HelpName = "FILE", Description = "Write the samples as CSV to this file at the end." };

        var command = new Command("monitor", "Watch the server process's CPU, memory, threads and connections, and the machine's.");
        foreach (var option in new Option[] { process, pid, port, interval, duration, json, csv })
            command.Options.Add(option);

        command.SetAction(async (ParseResult parse, CancellationToken cancellationToken) =>
        {
            var settings = new Settings(
                parse.GetValue(process), parse.GetValue(pid), parse.GetValue(port), parse.GetValue(interval),
                parse.GetValue(duration), parse.GetValue(json), parse.GetValue(csv));
            return await RunAsync(settings, output ?? Console.Out, error ?? Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record Settings(string? Process, int? Pid, int? Port, double IntervalSeconds, double? DurationSeconds, string? JsonPath, string? CsvPath)
    {
        public MonitorOptions ToOptions()
        {
            var byProcess = Process is not null || Pid is not null;
            var target = byProcess
                ? new MonitorTarget(Process, Pid)
                : Port is { } listen ? new MonitorTarget(ListenPort: listen) : new MonitorTarget(DefaultProcess);
            var interval = double.IsFinite(IntervalSeconds) && Math.Abs(IntervalSeconds) < 1e6 ? TimeSpan.FromSeconds(IntervalSeconds) : TimeSpan.MaxValue;
            return new MonitorOptions { Target = target, Interval = interval, LoadTestPort = Port };
        }

        public IReadOnlyList<string> Validate()
        {
            var problems = ToOptions().Validate().ToList();
            if (DurationSeconds is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2))
                problems.Add($"--duration must be a positive number of seconds (got {seconds}).");
            if (JsonPath is not null && CsvPath is not null && Path.GetFullPath(JsonPath) == Path.GetFullPath(CsvPath))
                problems.Add("--output and --csv must be different files.");
            if (JsonPath is "" || CsvPath is "")
                problems.Add("--output and --csv need a file name.");
            return problems;
        }
    }

    internal static async Task<int> RunAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                error.WriteLine($"error: {problem}");
            return 2;
        }

        var options = settings.ToOptions();
        var printer = new MonitorPrinter(output, options.LoadTestPort);
        var sampler = new MonitorSampler(options);
        MonitorRecorder recorder;
        await using (sampler.ConfigureAwait(false))
        {
            // The feed is delivered on the sampling task, one sample at a time, and completes on dispose.
            recorder = new MonitorRecorder(sampler);
            using var printing = sampler.Snapshots.Subscribe(printer.Print);
            sampler.Start();
            try
            {
                var wait = settings.DurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine();
                output.WriteLine("Stopping: writing the results...");
            }
        }
        recorder.Dispose();
        var samples = recorder.Samples;

        var failed = false;
        if (settings.JsonPath is not null || settings.CsvPath is not null)
        {
            var document = recorder.Document();
            var results = new List<ExportResult>();
            if (settings.JsonPath is { } jsonPath)
                results.Add(await MonitorJsonExport.WriteAsync(jsonPath, document, CancellationToken.None).ConfigureAwait(false));
            if (settings.CsvPath is { } csvPath)
                results.Add(await MonitorCsvExport.WriteAsync(csvPath, document.Samples, CancellationToken.None).ConfigureAwait(false));
            foreach (var result in results)
            {
                (result.Success ? output : error).WriteLine(result.ToString());
                failed |= !result.Success;
            }
        }
        output.WriteLine($"Monitored {samples.Count} samples ({samples.Count(s => s.Process is not null)} with the process).");
        return failed ? 1 : 0;
    }
}
