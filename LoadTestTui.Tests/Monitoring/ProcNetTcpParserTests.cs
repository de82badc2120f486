using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class ProcNetTcpParserTests
{
    // Port 0x23F0 = 9200. Inodes 500-503 are the server's; 600 belongs to someone else.
    private const string Tcp =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
        "   0: 00000000:23F0 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 500 1 000000002d33e693 100 0 0 10 0\n" +
        "   1: 0100007F:23F0 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 501 1 00000000fdb63c24 20 4 30 10 -1\n" +
        "   2: 0100007F:23F0 0100007F:C351 01 00000000:00000000 00:00000000 00000000  1000        0 502 1 00000000fdb63c24 20 4 30 10 -1\n" +
        "   3: 0100007F:C352 0100007F:0050 01 00000000:00000000 00:00000000 00000000  1000        0 503 1 00000000fdb63c24 20 4 30 10 -1\n" +
        "   4: 0100007F:23F0 0100007F:C353 06 00000000:00000000 03:00001234 00000000     0        0 0 3 0000000000000000\n" +
        "   5: 0100007F:23F0 0100007F:C354 01 00000000:00000000 00:00000000 00000000  1000        0 600 1 00000000fdb63c24 20 4 30 10 -1\n";

    private const string Tcp6 =
        "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
        "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 700 1 0000000000000000 100 0 0 10 0\n" +
        "   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:D000 01 00000000:00000000 00:00000000 00000000  1000        0 701 1 0000000000000000 20 4 30 10 -1\n";

    [TestMethod]
    public void TryParseLine_V4_ReadsHexPortStateAndDecimalInode()
    {
        var line = Tcp.Split('\n')[2];
        Assert.IsTrue(ProcNetTcpParser.TryParseLine(line, out var entry));
        Assert.AreEqual(new TcpSocketEntry(9200, TcpSocketEntry.Established, 501), entry);
    }

    [TestMethod]
    public void TryParseLine_V6_ReadsPortAfterLongAddress()
    {
        var line = Tcp6.Split('\n')[1];
        Assert.IsTrue(ProcNetTcpParser.TryParseLine(line, out var entry));
        Assert.AreEqual(new TcpSocketEntry(8080, TcpSocketEntry.Listen, 700), entry);
    }

    [TestMethod]
    public void TryParseLine_Header_ReturnsFalse() =>
        Assert.IsFalse(ProcNetTcpParser.TryParseLine(Tcp.Split('\n')[0], out _));

    [TestMethod]
    [DataRow(9200, 500L)]
    [DataRow(8080, 0L)]
    [DataRow(50000, 0L)]
    public void FindListeningInode_V4_FindsOnlyListenState(int port, long expected) =>
        Assert.AreEqual(expected, ProcNetTcpParser.FindListeningInode(Tcp, port));

    [TestMethod]
    public void FindListeningInode_V6_FindsListener() =>
        Assert.AreEqual(700L, ProcNetTcpParser.FindListeningInode(Tcp6, 8080));

    [TestMethod]
    public void CountEstablished_ProcessInodes_CountsOwnEstablishedAndOnPort()
    {
        var inodes = new HashSet<long> { 500, 501, 502, 503 };
        var (established, onPort) = ProcNetTcpParser.CountEstablished(Tcp, inodes, 9200);
        Assert.AreEqual(3, established);
        Assert.AreEqual(2, onPort);
    }

    [TestMethod]
    public void CountEstablished_NoPort_CountsNoneOnPort()
    {
        var (established, onPort) = ProcNetTcpParser.CountEstablished(Tcp, new HashSet<long> { 501, 502 }, null);
        Assert.AreEqual(2, established);
        Assert.AreEqual(0, onPort);
    }

    [TestMethod]
    [DataRow("socket:[12345]", true, 12345L)]
    [DataRow("pipe:[12345]", false, 0L)]
    [DataRow("/dev/null", false, 0L)]
    [DataRow("socket:[]", false, 0L)]
    public void TryParseSocketLink_LinkText_ReadsInode(string link, bool ok, long inode)
    {
        Assert.AreEqual(ok, ProcNetTcpParser.TryParseSocketLink(link, out var parsed));
        Assert.AreEqual(inode, parsed);
    }
}
