using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Server;

namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>An engine under contract, the reference server its bots talk to, and whatever else it needs (a bus, agents), disposed together.</summary>
internal sealed class EngineUnderTest(ILoadEngine engine, ChatServer server, Func<ValueTask> dispose) : IAsyncDisposable
{
    public ILoadEngine Engine { get; } = engine;

    public ChatServer Server { get; } = server;

    /// <summary>The engine first (its bots say goodbye to a live server), then the rest; disposing an engine twice is harmless.</summary>
    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        await dispose();
    }
}
