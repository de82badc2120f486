namespace LoadTestTui.Core.Loops;

/// <summary>
/// What event loops have done: returns from waiting for I/O, reads that brought bytes, and their
/// threads' CPU time in user space and in the kernel (null where /proc does not tell). Frames per
/// read and reads per wake-up are what the loops exist to raise; the kernel's share is what no
/// user-space change can lower (on loopback it includes the server's side of every ACK).
/// </summary>
public readonly record struct LoopFigures(long Waits, long Reads, TimeSpan? UserCpu, TimeSpan? KernelCpu)
{
    public TimeSpan? Cpu => UserCpu + KernelCpu;

    public static LoopFigures operator +(LoopFigures a, LoopFigures b) => new(a.Waits + b.Waits, a.Reads + b.Reads, a.UserCpu + b.UserCpu, a.KernelCpu + b.KernelCpu);

    public static LoopFigures operator -(LoopFigures a, LoopFigures b) => new(a.Waits - b.Waits, a.Reads - b.Reads, a.UserCpu - b.UserCpu, a.KernelCpu - b.KernelCpu);
}
