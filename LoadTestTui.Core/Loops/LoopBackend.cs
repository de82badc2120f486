namespace LoadTestTui.Core.Loops;

public enum LoopBackend
{
    /// <summary>Linux: epoll and plain non-blocking sockets (<see cref="EpollLoop"/>).</summary>
    Epoll,

    /// <summary>Anywhere: the runtime's asynchronous sockets feeding the loop (<see cref="PortableLoop"/>).</summary>
    Portable,
}
