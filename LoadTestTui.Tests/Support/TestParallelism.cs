// Test classes run side by side: much of the suite waits on sockets and real-time scenarios, not
// on the CPU. A class that shares process-wide state (Terminal.Gui, GC totals), measures time or
// CPU, or drives load whose timing it judges (child processes, hundreds of bots, Chromium) is
// marked [DoNotParallelize] with its reason; those run one at a time after the rest. On a busy
// two-core machine running those side by side made registration, SIGTERM and SLO checks fail.
[assembly: Parallelize(Workers = 4, Scope = ExecutionScope.ClassLevel)]
