using LoadTestTui.Core.Bots;
using LoadTestTui.Core.Engine;
using LoadTestTui.Core.Server;

namespace LoadTestTui.Tests.Support;

/// <summary>The real reference server on an ephemeral loopback port, and bot options aimed at it.</summary>
public static class TestServers
{
    public static Task<ChatServer> StartAsync(ServerOptions? options = null) =>
        ChatServer.StartAsync((options ?? ServerOptions.Default) with { Host = "127.0.0.1", Port = 0 });

    /// <summary>On a given port: for restarting a server where its clients expect it.</summary>
    public static Task<ChatServer> StartOnPortAsync(int port) =>
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
