using System.Buffers.Binary;
using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class SockDiagMessagesTests
{
    [TestMethod]
    public void WriteDumpRequest_Established_HasHeaderAndTcpFilter()
    {
        var request = new byte[SockDiagMessages.RequestLength];
        SockDiagMessages.WriteDumpRequest(request, SockDiagMessages.Inet6, SockDiagMessages.StateMask(1), 7);
        Assert.AreEqual(72u, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.AreEqual((ushort)20, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4)));
        Assert.AreEqual((ushort)0x301, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)));
        Assert.AreEqual(7u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8)));
        Assert.AreEqual((byte)10, request[16]);
        Assert.AreEqual((byte)6, request[17]);
        Assert.AreEqual(2u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(20)));
    }

    private static byte[] Socket(int port, byte state, uint inode)
    {
        var message = new byte[16 + 72];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), SockDiagMessages.SockDiagByFamily);
        message[16] = 2;
        message[17] = state;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(16 + 4), (ushort)port);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(16 + 68), inode);
        return message;
    }

    private static byte[] Done()
    {
        var message = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(message, 20);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), SockDiagMessages.NlmsgDone);
        return message;
    }

    [TestMethod]
    public void Parse_TwoSocketsThenDone_ReportsBothAndFinishes()
    {
        var datagram = Socket(9200, 1, 501).Concat(Socket(50000, 1, 502)).Concat(Done()).ToArray();
        var seen = new List<(int, int, long)>();
        Assert.IsTrue(SockDiagMessages.Parse(datagram, (port, state, inode) => seen.Add((port, state, inode))));
        CollectionAssert.AreEqual(new List<(int, int, long)> { (9200, 1, 501), (50000, 1, 502) }, seen);
    }

    [TestMethod]
    public void Parse_NoDoneYet_AsksForMore()
    {
        var count = 0;
        Assert.IsFalse(SockDiagMessages.Parse(Socket(9200, 1, 501), (_, _, _) => count++));
        Assert.AreEqual(1, count);
    }

    [TestMethod]
    public void Parse_TruncatedMessage_StopsWithoutReading()
    {
        var count = 0;
        Assert.IsTrue(SockDiagMessages.Parse(Socket(9200, 1, 501).AsSpan(0, 40), (_, _, _) => count++));
        Assert.AreEqual(0, count);
    }
}
