using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>The <see cref="ILoadEngine"/> contract, with every bot in this process.</summary>
[TestClass]
public sealed class BotEngineContractTests : LoadEngineContract
{
    internal override async Task<EngineUnderTest> StartAsync(Func<int, BotOptions> bots, EngineOptions engine)
    {
        var server = await TestServers.StartAsync();
        return new EngineUnderTest(new BotEngine(bots(server.Port), engine), server, server.DisposeAsync);
    }
}
