using LoadTestTui.Core.Loops;

namespace LoadTestTui.Tests.Loops;

[TestClass]
public sealed class EventLoopsTests
{
    /// <summary>Windows and macOS have no epoll: they get the portable loops whatever LOADTEST_IO says.</summary>
    [TestMethod]
    [DataRow(true, null, LoopBackend.Epoll)]
    [DataRow(true, "epoll", LoopBackend.Epoll)]
    [DataRow(true, "portable", LoopBackend.Portable)]
    [DataRow(true, "Portable", LoopBackend.Portable)]
    [DataRow(false, null, LoopBackend.Portable)]
    [DataRow(false, "epoll", LoopBackend.Portable)]
    [DataRow(false, "portable", LoopBackend.Portable)]
    public void BackendFor_SystemAndVariable_PicksEpollOnlyOnLinux(bool isLinux, string? variable, LoopBackend expected) =>
        Assert.AreEqual(expected, EventLoops.BackendFor(isLinux, variable));
}
