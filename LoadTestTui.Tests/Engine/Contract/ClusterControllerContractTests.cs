using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Tests.Support;

namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>The <see cref="ILoadEngine"/> contract, with the bots on two load agents over a real NATS server.</summary>
[TestClass]
public sealed class ClusterControllerContractTests : LoadEngineContract
{
    internal override async Task<EngineUnderTest> StartAsync(Func<int, BotOptions> bots, EngineOptions engine)
    {
        var rig = await ClusterRig.StartAsync(2, bots, engine: engine);
        return new EngineUnderTest(rig.Controller, rig.Server, rig.DisposeAsync);
    }
}
