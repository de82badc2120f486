using System.Net;
using System.Net.Sockets;
using LoadTestTui.Core.Monitoring;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Monitoring;

/// <summary>
/// The monitor's portable source, what Windows and macOS use (System.Diagnostics, IPGlobalProperties,
/// NetworkInterface), forced here on Linux against a real child: the figures it has, and the ones
/// it leaves out.
/// </summary>
[TestClass]
public sealed class PortableMonitorTests
{
    [TestMethod]
    [DataRow(true, true, typeof(ProcProcessReader))]
    [DataRow(true, false, typeof(PortableProcessReader))]
    [DataRow(false, true, typeof(PortableProcessReader))]
    [DataRow(false, false, typeof(PortableProcessReader))]
    public void SourceFor_SystemAndProc_ProcOnlyOnLinuxWithProc(bool isLinux, bool hasProc, Type expected)
    {
        var source = MonitorSampler.SourceFor(isLinux, hasProc);
        try
        {
            Assert.IsInstanceOfType(source, expected);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    [TestMethod]
    public async Task Sample_PortableSource_ChildWithConnections_ProcessFiguresAndConnectionsOnPort()
    {
        const int count = 3;
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
            var options = new MonitorOptions { Target = new MonitorTarget(Pid: child.Pid), Interval = TimeSpan.FromSeconds(0.2), LoadTestPort = port };
            await using var sampler = new MonitorSampler(options, null, new PortableProcessReader());
            sampler.Start();

            var snapshot = await Eventually.SnapshotAsync(sampler, s => s.Process is not null && s.Elapsed > TimeSpan.FromSeconds(0.3), "attached, a second sample");
            var process = snapshot.Process!;
            Assert.AreEqual(child.Pid, process.Pid);
            Assert.AreEqual("running", process.Status);
            Assert.IsGreaterThan(0L, process.ResidentBytes);
            Assert.IsGreaterThan(1, process.Threads);
            Assert.IsGreaterThan(2, process.Handles ?? 0, "handles");
            Assert.IsGreaterThanOrEqualTo(0.0, process.CpuPercent);
            // Established TCP on the load-test port, system-wide: the server side of the child's connections.
            Assert.AreEqual(count, process.ConnectionsOnPort);
            Assert.IsNull(process.Connections, "per-process connections are not available without /proc");
            Assert.AreEqual(0.0, snapshot.System.CpuPercent, "system CPU is not available");
            Assert.AreEqual(0L, snapshot.System.MemoryAvailableBytes, "available memory is not available");
            Assert.IsGreaterThan(0L, snapshot.System.MemoryTotalBytes);
            Assert.IsNotNull(snapshot.System.Disk);
        }
        finally
        {
            foreach (var socket in accepted)
                socket.Dispose();
        }
    }
}
