using System.Text.Json;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// The portal's OpenAPI document as read over HTTP: every operation it lists, and the schemas its <c>$ref</c>s name.
/// </summary>
public sealed class OpenApiDescription
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private readonly JsonElement _schemas;

    private OpenApiDescription(JsonElement root, IReadOnlyList<ApiOperation> operations)
    {
        _schemas = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas)
            ? schemas
            : default;
        Operations = operations;
    }

    public IReadOnlyList<ApiOperation> Operations { get; }

    public static OpenApiDescription Parse(string json)
    {
        // Cloned, so the elements outlive the parsed document.
        var root = JsonDocument.Parse(json).RootElement.Clone();
        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? ReadParameters(common) : [];
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = shared.Concat(operation.TryGetProperty("parameters", out var own) ? ReadParameters(own) : []).ToList();
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path.Name, parameters, ReadBody(operation)));
            }
        }

        return new OpenApiDescription(root, operations);
    }

    /// <summary>The schema itself, or the component its <c>$ref</c> names (followed until it names none).</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            const string prefix = "#/components/schemas/";
            var name = reference.GetString() ?? "";
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || _schemas.ValueKind != JsonValueKind.Object
                || !_schemas.TryGetProperty(name[prefix.Length..], out schema))
            {
                throw new InvalidOperationException($"The OpenAPI document has a $ref it does not define: {name}");
            }
        }

        return schema;
    }

    private static List<ApiParameter> ReadParameters(JsonElement parameters)
        => parameters.EnumerateArray()
            .Select(p => new ApiParameter(
                p.GetProperty("name").GetString()!,
                p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var required) && required.GetBoolean(),
                p.TryGetProperty("schema", out var schema) ? schema : default))
            .ToList();

    private static ApiRequestBody? ReadBody(JsonElement operation)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
        {
            return null;
        }

        var media = content.EnumerateObject().ToList();
        JsonElement? schema = media.Select(m => m.Value.TryGetProperty("schema", out var s) ? s : default)
            .FirstOrDefault(s => s.ValueKind == JsonValueKind.Object) is { ValueKind: JsonValueKind.Object } found ? found : null;
        return new ApiRequestBody(media.Select(m => m.Name).ToList(), schema, body.TryGetProperty("required", out var required) && required.GetBoolean());
    }
}
