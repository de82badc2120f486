using System.Text.Json;
using LoadTestTui.Core.Protocol;

namespace LoadTestTui.Tests.Protocol;

/// <summary>The original encoder's frames, from vectors.json (frames captured from the original Python encoder; see docs/protocol.md).</summary>
internal static class GoldenVectors
{
    public sealed record Vector(string Name, long PacketType, JsonElement Fields, string BodyPlainHex, string FrameHex)
    {
        public byte[] Frame => Convert.FromHexString(FrameHex);

        public Packet ToPacket()
        {
            var type = (PacketType)PacketType;
            string? S(string key) => Fields.TryGetProperty(key, out var v) ? v.GetString() : null;
            ulong U(string key) => Fields.TryGetProperty(key, out var v) ? v.GetUInt64() : 0;
            return new Packet(type, S("name"), S("text"), U("client_timestamp"), U("server_timestamp"), (uint)U("sequence"),
                Fields.TryGetProperty("names", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).ToArray() : null);
        }
    }

    // Key is declared first: static initializers run in order, and Load() sets it.
    public static string Key { get; private set; } = "";

    public static IReadOnlyList<Vector> All { get; } = Load();

    public static IEnumerable<object[]> Names => All.Select(v => new object[] { v.Name });

    public static Vector Get(string name) => All.Single(v => v.Name == name);

    private static List<Vector> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Protocol", "vectors.json")));
        Key = doc.RootElement.GetProperty("key_ascii").GetString()!;
        return doc.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new Vector(
            v.GetProperty("name").GetString()!,
            v.GetProperty("packet_type").GetInt64(),
            v.GetProperty("fields").Clone(),
            v.GetProperty("body_plain_hex").GetString()!,
            v.GetProperty("frame_hex").GetString()!)).ToList();
    }
}
