using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadTestTui.Tests.Engine.Contract;

/// <summary>
/// The shape of a results document: every key path, arrays' items merged (<c>timeline[].chat.p99</c>),
/// with the kind of each value outside arrays (<c>run.duration_s: number</c>, or <c>null</c>),
/// since a field written as null is as missing to a reader as an absent one.
/// </summary>
internal static class ResultsShape
{
    public static SortedSet<string> Of(JsonNode root)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(root, "", inArray: false, paths);
        return paths;
    }

    private static void Walk(JsonNode? node, string path, bool inArray, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                if (path.Length > 0)
                    paths.Add(path);
                foreach (var (key, child) in obj)
                    Walk(child, path.Length == 0 ? key : $"{path}.{key}", inArray, paths);
                break;
            case JsonArray array:
                paths.Add($"{path}[]");
                foreach (var item in array)
                    Walk(item, $"{path}[]", inArray: true, paths);
                break;
            default:
                // Inside arrays only the path: items may differ in kind (a bot without an echo has rtt_last null).
                paths.Add(inArray ? path : $"{path}: {Kind(node)}");
                break;
        }
    }

    private static string Kind(JsonNode? leaf) => leaf?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "bool",
        var other => other.ToString()!.ToLowerInvariant(),
    };
}
