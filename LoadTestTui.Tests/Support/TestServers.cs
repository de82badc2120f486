using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Server;

namespace LoadTestTui.Tests.Support;

/// <summary>The real reference server on an ephemeral loopback port, and bot options aimed at it.</summary>
internal static class TestServers
{
    public static Task<ChatServer> StartAsync(int port = 0) =>
        ChatServer.StartAsync(ServerOptions.Default with { Host = "127.0.0.1", Port = port });

    /// <summary>Fast-paced bots so a test sees many chats, pings and reconnects in a few seconds.</summary>
    public static BotOptions FastBots(int port) => BotOptions.Default with
    {
        Host = "127.0.0.1",
        Port = port,
        ChatIntervalMin = TimeSpan.FromMilliseconds(200),
        ChatIntervalMax = TimeSpan.FromMilliseconds(600),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        PingInterval = TimeSpan.FromMilliseconds(500),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(300),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        ResponseTimeout = TimeSpan.FromSeconds(5),
    };

    public static EngineOptions FastEngine { get; } = EngineOptions.Default with
    {
        RampPerSecond = 1000,
        Tick = TimeSpan.FromMilliseconds(100),
        StopTimeout = TimeSpan.FromSeconds(5),
    };
}
