using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadTestTui.Core.Reports;

/// <summary>Tolerant reads from a JSON tree: a missing or mistyped field is null, never an exception.</summary>
internal static class Json
{
    /// <summary>The node at a dotted path ("delivery.fanout_latency"), or null.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        if (path.Length == 0)
            return node;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
                return null;
        }
        return node;
    }

    public static double? Number(JsonNode? node, string path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? d : null;

    public static string? Text(JsonNode? node, string path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool? Bool(JsonNode? node, string path) =>
        At(node, path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>Any scalar as display text (numbers invariant, up to 3 decimals); objects and arrays as compact JSON.</summary>
    public static string Display(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>().ToString("#,0.###", CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "yes",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "no",
        _ => node.ToJsonString(),
    };
}
