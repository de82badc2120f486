using LoadTestTui.Core.Monitoring;

namespace LoadTestTui.Tests.Monitoring;

[TestClass]
public sealed class ProcessNameMatcherTests
{
    [TestMethod]
    [DataRow("ChattingServer.exe", "ChattingServer")]
    [DataRow("ChattingServer.EXE", "ChattingServer")]
    [DataRow(" ChattingServer ", "ChattingServer")]
    [DataRow("server.dll", "server.dll")]
    public void Normalize_Name_DropsExe(string name, string expected) =>
        Assert.AreEqual(expected, ProcessNameMatcher.Normalize(name));

    [TestMethod]
    [DataRow("ChattingServer", "ChattingServer\n", "/opt/srv/ChattingServer\0--port\09200\0", true)]
    [DataRow("chattingserver", "ChattingServer\n", "", true)]
    [DataRow("ChattingServer", "ChattingServer.\n", "/mnt/c/srv/ChattingServer.exe\0", true)]
    [DataRow("ChattingServerLong", "ChattingServerL\n", "/opt/ChattingServerLong\0", true)]
    [DataRow("ChattingServerLong", "ChattingServerL\n", "", true)]
    [DataRow("ChattingServerLonger", "ChattingServerL\n", "/opt/ChattingServerLong\0", false)]
    [DataRow("ChattingServer", "dotnet\n", "dotnet\0ChattingServer.dll\0", true)]
    [DataRow("ChattingServer", "dotnet\n", "/usr/bin/dotnet\0exec\0--roll-forward\0Major\0/srv/ChattingServer.dll\0", true)]
    [DataRow("ChattingServer", "dotnet\n", "dotnet\0Other.dll\0ChattingServer.dll\0", false)]
    [DataRow("ChattingServer", "bash\n", "bash\0-c\0ChattingServer\0", false)]
    [DataRow("Chatting", "ChattingServer\n", "/opt/ChattingServer\0", false)]
    [DataRow("", "x\n", "", false)]
    public void Matches_CommAndCmdline_MatchesAnyOfTheNames(string target, string comm, string cmdline, bool expected) =>
        Assert.AreEqual(expected, ProcessNameMatcher.Matches(ProcessNameMatcher.Normalize(target), comm, cmdline));

    [TestMethod]
    [DataRow("dotnet\n", "dotnet\0/srv/ChattingServer.dll\0", "ChattingServer")]
    [DataRow("LttTarget012345\n", "/tmp/x/LttTarget0123456789\0", "LttTarget0123456789")]
    [DataRow("ChattingServer\n", "/opt/srv/ChattingServer\0", "ChattingServer")]
    [DataRow("kworker/0:1\n", "", "kworker/0:1")]
    [DataRow("sleep\n", "/bin/busybox\0", "sleep")]
    public void ProgramName_CommAndCmdline_IsTheUsefulName(string comm, string cmdline, string expected) =>
        Assert.AreEqual(expected, ProcessNameMatcher.ProgramName(comm, cmdline));
}
