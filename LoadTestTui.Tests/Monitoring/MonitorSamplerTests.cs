using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Monitoring;

/// <summary>The sampler against real child processes, read through /proc.</summary>
[TestClass]
[DoNotParallelize] // measures a child's CPU against its own count: other tests' load skews both
[OSCondition(OperatingSystems.Linux)]
public sealed class MonitorSamplerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.2);

    private static MonitorSampler StartSampler(MonitorTarget target, int? loadTestPort = null)
    {
        var sampler = new MonitorSampler(new MonitorOptions { Target = target, Interval = Interval, LoadTestPort = loadTestPort });
        sampler.Start();
        return sampler;
    }

    /// <summary>
    /// The sampler's average CPU reading for the child over a window, and the child's own CPU
    /// time over the same window as System.Diagnostics measures it.
    /// </summary>
    private static async Task<(double Reading, double Truth)> AverageCpuAsync(MonitorSampler sampler, ProbeChild child, TimeSpan window)
    {
        var pid = child.Pid;
        await Eventually.SnapshotAsync(sampler, s => s.Process?.Pid == pid, $"attach to pid {pid}");
        await Eventually.SnapshotAsync(sampler, s => s.Process?.Pid == pid && !s.Restarted, "a second sample");
        child.Process.Refresh();
        var cpuBefore = child.Process.TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var samples = await Eventually.CollectAsync(sampler, window);
        child.Process.Refresh();
        var truth = (child.Process.TotalProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds * 100;
        var readings = samples.Where(s => s.Process?.Pid == pid).Select(s => s.Process!.CpuPercent).ToList();
        Assert.IsNotEmpty(readings, "samples in the window");
        return (readings.Average(), truth);
    }

    [TestMethod]
    public async Task Sample_ChildSpinningOnOneCore_ReadsAboutOneCore()
    {
        using var child = await ProbeChild.StartProbeAsync("--spin", "--max-seconds", "30");
        await using var sampler = StartSampler(new MonitorTarget(Pid: child.Pid));

        // Other builds may share this small machine, and then the spinner does not get a whole
        // core. Every window must agree with the child's own CPU time (a wrong scale, such as
        // per-all-cores or a wrong tick rate, never does), and a window in which the child
        // clearly got its core (90 % or more by its own count, so that the two windows' small
        // misalignment cannot matter) must read 80-120 %.
        var windows = new List<string>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var (reading, truth) = await AverageCpuAsync(sampler, child, TimeSpan.FromSeconds(1.6));
            windows.Add(FormattableString.Invariant($"{reading:0.0}% (child's own {truth:0.0}%)"));
            Assert.AreEqual(truth, reading, Math.Max(15, truth * 0.2), $"reading vs the child's own CPU time: {string.Join(", ", windows)}");
            if (truth >= 90)
            {
                Assert.IsTrue(reading is >= 80 and <= 120, $"spinning child read {string.Join(", ", windows)} (expected 80-120)");
                return;
            }
        }
        Assert.Inconclusive($"the machine is too busy to give the spinner a core: {string.Join(", ", windows)}");
    }

    [TestMethod]
    public async Task Sample_IdleChild_ReadsUnderTenPercent()
    {
        using var child = await ProbeChild.StartProbeAsync("--idle", "--max-seconds", "30");
        await using var sampler = StartSampler(new MonitorTarget(Pid: child.Pid));
        var (reading, _) = await AverageCpuAsync(sampler, child, TimeSpan.FromSeconds(1));
        Assert.IsLessThan(10.0, reading);
    }

    [TestMethod]
    public async Task Sample_ChildHolding300Mb_ReadsAtLeastThatResident()
    {
        const long held = 300L * 1024 * 1024;
        using var child = await ProbeChild.StartProbeAsync("--hold-mb", "300", "--max-seconds", "30");
        await using var sampler = StartSampler(new MonitorTarget(Pid: child.Pid));
        var snapshot = await Eventually.SnapshotAsync(sampler, s => s.Process is not null, "attach");
        var process = snapshot.Process!;
        Assert.IsGreaterThanOrEqualTo(held, process.ResidentBytes);
        Assert.IsGreaterThan(0.0, process.MemoryPercent);
        Assert.IsGreaterThan(1, process.Threads);
        Assert.IsGreaterThan(2, process.Handles ?? 0);
        Assert.IsNotNull(snapshot.System.Disk);
    }

    [TestMethod]
    public async Task Sample_ChildWithOpenConnections_CountsThem()
    {
        const int count = 5;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
                accepted.Add(await listener.AcceptSocketAsync());
        });
        try
        {
            using var child = await ProbeChild.StartProbeAsync("--connect", $"127.0.0.1:{port}", "--count", $"{count}", "--max-seconds", "30");
            await accepting.WaitAsync(TimeSpan.FromSeconds(10));
            await using var sampler = StartSampler(new MonitorTarget(Pid: child.Pid), loadTestPort: port);
            var snapshot = await Eventually.SnapshotAsync(sampler, s => s.Process is not null, "attach");
            Assert.AreEqual(count, snapshot.Process!.Connections);
            Assert.AreEqual(0, snapshot.Process.ConnectionsOnPort, "a client's local ports are ephemeral, not the server port");

            // The /proc/[pid]/net/tcp path, used when netlink is unavailable, agrees.
            using var procOnly = new ProcProcessReader(useSockDiag: false);
            var location = new ProcessLocator().Locate(new MonitorTarget(Pid: child.Pid))!;
            Assert.AreEqual(count, procOnly.ReadProcess(location, port)?.Connections);
        }
        finally
        {
            foreach (var socket in accepted)
                socket.Dispose();
        }
    }

    [TestMethod]
    public async Task Sample_TargetByListeningPort_FindsListenerAndCountsConnectionsOnPort()
    {
        const int count = 3;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<Socket>();
        try
        {
            using var child = await ProbeChild.StartProbeAsync("--connect", $"127.0.0.1:{port}", "--count", $"{count}", "--max-seconds", "30");
            for (var i = 0; i < count; i++)
                accepted.Add(await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10)));

            // The listener is this test process itself.
            await using var sampler = StartSampler(new MonitorTarget(ListenPort: port), loadTestPort: port);
            var snapshot = await Eventually.SnapshotAsync(sampler, s => s.Process is not null, $"the listener on port {port}");
            Assert.AreEqual(Environment.ProcessId, snapshot.Process!.Pid);
            Assert.AreEqual(count, snapshot.Process.ConnectionsOnPort);
            Assert.IsGreaterThanOrEqualTo(count, snapshot.Process.Connections ?? 0);
        }
        finally
        {
            foreach (var socket in accepted)
                socket.Dispose();
        }
    }

    [TestMethod]
    public async Task Sample_NameMatchesNothing_ReportsNotFound()
    {
        await using var sampler = StartSampler(new MonitorTarget($"LttMissing{Guid.NewGuid():N}"[..20]));
        var snapshot = await Eventually.SnapshotAsync(sampler, _ => true, "a sample");
        Assert.AreEqual(MonitorSampler.NotFound, snapshot.Status);
        Assert.IsNull(snapshot.Process);
        Assert.IsGreaterThan(0L, snapshot.System.MemoryTotalBytes);
    }

    [TestMethod]
    [SupportedOSPlatform("linux")]
    public async Task Sample_TargetExitsAndStartsAgain_ReportsExitedThenReattaches()
    {
        var folder = Directory.CreateTempSubdirectory("ltt-monitor-");
        try
        {
            // A uniquely named copy of sleep: longer than the kernel's 15-character comm on purpose.
            var name = $"LttTarget{Random.Shared.Next(100_000_000, 999_999_999)}";
            var program = Path.Combine(folder.FullName, name);
            File.Copy("/bin/sleep", program);
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserExecute);

            await using var sampler = StartSampler(new MonitorTarget(name + ".exe"));
            using (var first = ProbeChild.StartProgram(program, "30"))
            {
                var attached = await Eventually.SnapshotAsync(sampler, s => s.Process?.Pid == first.Pid, "attach to the first");
                Assert.AreEqual(name, attached.Process!.Name);
                Assert.IsFalse(attached.Restarted);
                first.Kill();
                await Eventually.SnapshotAsync(sampler, s => s.Status == MonitorSampler.Exited, "the exit");
            }

            using var second = ProbeChild.StartProgram(program, "30");
            var back = await Eventually.SnapshotAsync(sampler, s => s.Process?.Pid == second.Pid, "re-attach to the second");
            Assert.IsTrue(back.Restarted);
            Assert.AreEqual(1, back.Restarts);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
