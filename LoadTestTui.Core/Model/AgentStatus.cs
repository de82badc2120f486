namespace LoadTestTui.Core.Model;

/// <summary>One agent as the controller last heard it (the dashboard's Agents view).</summary>
public sealed record AgentStatus(string Name, string Host, int Bots, int Online, double CpuPercent, TimeSpan LastHeard, bool Lost);
