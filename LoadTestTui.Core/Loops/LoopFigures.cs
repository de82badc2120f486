namespace LoadTestTui.Core.Loops;

/// <summary>
/// What event loops have done: returns from waiting for I/O, reads that brought bytes, and their
/// threads' CPU time (null where /proc does not tell). Frames per read and reads per wake-up
/// are what the loops exist to raise.
/// </summary>
public readonly record struct LoopFigures(long Waits, long Reads, TimeSpan? Cpu)
{
    public static LoopFigures operator +(LoopFigures a, LoopFigures b) => new(a.Waits + b.Waits, a.Reads + b.Reads, a.Cpu + b.Cpu);

    public static LoopFigures operator -(LoopFigures a, LoopFigures b) => new(a.Waits - b.Waits, a.Reads - b.Reads, a.Cpu - b.Cpu);
}
