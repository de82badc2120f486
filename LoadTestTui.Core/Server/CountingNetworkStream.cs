using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace LoadTestTui.Core.Server;

/// <summary>A socket stream that adds every byte it reads to the server's bytes-in counter.</summary>
internal sealed class CountingNetworkStream(Socket socket, ServerCounters counters) : NetworkStream(socket, ownsSocket: false)
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var pending = base.ReadAsync(buffer, cancellationToken);
        if (!pending.IsCompletedSuccessfully)
            return AwaitAndCount(pending);
        var read = pending.Result;
        Interlocked.Add(ref counters.BytesIn, read);
        return new ValueTask<int>(read);
    }

    // Pooled: idle sessions park here on every zero-byte read, so the state machine must not allocate each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitAndCount(ValueTask<int> pending)
    {
        var read = await pending.ConfigureAwait(false);
        Interlocked.Add(ref counters.BytesIn, read);
        return read;
    }
}
