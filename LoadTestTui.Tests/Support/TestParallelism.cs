// Test classes run side by side: most of the suite waits on sockets, child processes and real-time
// scenarios, not on the CPU. Four workers on a two-core machine keep the waits overlapping. A class
// that shares process-wide state (Terminal.Gui, GC totals) or measures time or CPU is marked
// [DoNotParallelize] with its reason; those run one at a time after the rest.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.ClassLevel)]
