using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadTestTui.Core.Cluster;

/// <summary>
/// The wire messages between controller and agents, serialized by source-generated System.Text.Json.
/// Zero, false and null fields are left out (a receiver reads them as such): most of a report's
/// counters are zero most of the time. A field whose default is not the type's default says so.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AgentReport))]
[JsonSerializable(typeof(AgentCommand))]
[JsonSerializable(typeof(CommandAck))]
[JsonSerializable(typeof(ControllerBeat))]
internal sealed partial class ClusterJson : JsonSerializerContext
{
    public static byte[] Encode<T>(T message)
        where T : IClusterMessage => JsonSerializer.SerializeToUtf8Bytes(message, typeof(T), Default);

    /// <summary>The message, or null with a reason: malformed JSON or another version never throws past here.</summary>
    public static T? Decode<T>(ReadOnlySpan<byte> payload, out string? problem)
        where T : class, IClusterMessage
    {
        problem = null;
        try
        {
            var message = JsonSerializer.Deserialize(payload, typeof(T), Default) as T;
            if (message is null)
                problem = "empty message";
            else if (message.Version != T.CurrentVersion)
                problem = $"{typeof(T).Name} version {message.Version} (this build speaks {T.CurrentVersion})";
            return problem is null ? message : null;
        }
        catch (JsonException ex)
        {
            problem = $"malformed {typeof(T).Name}: {ex.Message}";
            return null;
        }
    }
}

/// <summary>Every wire message carries its version; a receiver rejects any other.</summary>
public interface IClusterMessage
{
    static abstract int CurrentVersion { get; }

    int Version { get; }
}
