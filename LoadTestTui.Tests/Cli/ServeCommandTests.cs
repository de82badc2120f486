using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LoadTestTui.Core.Protocol;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Cli;

[TestClass]
public sealed partial class ServeCommandTests
{
    /// <summary>Starting `dotnet` on a busy two-core machine can take a while.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"^Chat server listening on 127\.0\.0\.1:(\d+) \(max 50 sessions\)$")]
    private static partial Regex ListeningLine();

    [TestMethod]
    public async Task Serve_PortZero_PrintsBoundPortAndServesClients()
    {
        using var app = AppProcess.Start("serve", "--port", "0", "--max-sessions", "50", "--stats-interval", "0");
        var port = int.Parse((await app.WaitForLineAsync(ListeningLine(), StartTimeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await using var client = await ProtocolClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        Assert.IsEmpty(await client.RegisterAsync("cli-user"));
        await client.SendAsync(Packet.Chat("hello from a test", 1));
        Assert.AreEqual("-> : hello from a test", (await client.ReceiveAsync(PacketType.AnsChatting)).Text);
    }

    [TestMethod]
    public async Task Serve_Sigterm_StopsGracefullyWithFinalStatsAndExitZero()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            Assert.Inconclusive("SIGTERM is a Unix signal");
        using var app = AppProcess.Start("serve", "--port", "0", "--max-sessions", "50", "--stats-interval", "0");
        var port = int.Parse((await app.WaitForLineAsync(ListeningLine(), StartTimeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using var client = await ProtocolClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await client.RegisterAsync("cli-user");

        app.Terminate();

        Assert.AreEqual(0, await app.WaitForExitAsync(StartTimeout));
        var rest = await app.RemainingOutputAsync(StartTimeout);
        Assert.IsTrue(rest.Any(l => l.StartsWith("Stopped. sessions", StringComparison.Ordinal)), string.Join(Environment.NewLine, rest));
        await client.ExpectClosedAsync();
    }

    [TestMethod]
    public async Task Serve_PortInUse_ExitsTwoWithOneLine()
    {
        using var taken = new Socket(SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        using var app = AppProcess.Start("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.AreEqual(2, await app.WaitForExitAsync(StartTimeout));
        var errors = app.ErrorLines.Where(l => l.Length > 0).ToList();
        Assert.HasCount(1, errors, string.Join(Environment.NewLine, errors));
        Assert.AreEqual($"cannot listen on 127.0.0.1:{port}: the port is already in use", errors[0]);
    }

    [TestMethod]
    public async Task Serve_BadOptions_PrintsEveryProblemAndExitsTwo()
    {
        using var app = AppProcess.Start("serve", "--port", "70000", "--encoding", "klingon", "--max-sessions", "0");

        Assert.AreEqual(2, await app.WaitForExitAsync(StartTimeout));
        var errors = app.ErrorLines.Where(l => l.Length > 0).ToList();
        Assert.HasCount(3, errors, string.Join(Environment.NewLine, errors));
        Assert.IsTrue(errors.Any(e => e.Contains("--port", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("--encoding", StringComparison.Ordinal)));
        Assert.IsTrue(errors.Any(e => e.Contains("--max-sessions", StringComparison.Ordinal)));
    }
}
