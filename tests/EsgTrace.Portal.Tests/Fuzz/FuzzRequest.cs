using System.Text;
using CsCheck;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>One generated call of an operation: the URL (path parameters and query filled in), the body and its content type.</summary>
public sealed record FuzzRequest(
    ApiOperation Operation, IReadOnlyDictionary<string, string> PathValues, string PathAndQuery, string? ContentType, byte[]? Body, bool AlsoAnonymous)
{
    /// <summary>A path template with this request's path values in place of its parameters.</summary>
    public string Fill(string template)
        => PathValues.Aggregate(template, (path, value) => path.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), new Uri(PathAndQuery, UriKind.Relative));
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>What a failure report shows: enough to replay the request by hand.</summary>
    public override string ToString()
    {
        var url = PathAndQuery.Length > 300 ? PathAndQuery[..300] + $"… ({PathAndQuery.Length} chars)" : PathAndQuery;
        var text = new StringBuilder($"{Operation.Method} {url}");
        if (Body is not null)
        {
            var body = Encoding.UTF8.GetString(Body);
            text.Append($" [{ContentType ?? "no content type"}, {Body.Length} bytes] ")
                .Append(body.Length > 400 ? body[..400] + "…" : body);
        }

        return text.ToString();
    }

    /// <summary>Calls of <paramref name="operation"/>: every path parameter, some query parameters, a body when it takes one (and now and then when not).</summary>
    public static Gen<FuzzRequest> For(ApiOperation operation, SchemaBodies bodies)
    {
        var pathValues = operation.Parameters.Where(p => p.In == "path")
            .Aggregate(Gen.Const(new Dictionary<string, string>()), (acc, p) => acc.SelectMany(values => HostileValues.PathSegment
                .Select(segment => new Dictionary<string, string>(values) { [p.Name] = segment })));
        var query = operation.Parameters.Where(p => p.In == "query")
            .Select(p => Gen.Frequency(
                (35, Gen.Const((string?)null)),
                (65, QueryValue(p).Select(v => (string?)(Uri.EscapeDataString(p.Name) + "=" + v)))))
            .Append(Gen.Frequency((90, Gen.Const((string?)null)), (10, Gen.OneOf<string?>("unknown=1", "pageSize=1&pageSize=2", "a[b]=c", "%FF=1", "=", "&&"))))
            .Aggregate(Gen.Const(new List<string>()), (acc, g) => acc.SelectMany(list => g.Select(v => v is null ? list : [.. list, v])));
        return Gen.Select(pathValues, query, Bodies(operation, bodies), Gen.Int[0, 3], (values, q, b, anonymous) =>
        {
            var path = values.Aggregate(operation.PathTemplate, (p, v) => p.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            return new FuzzRequest(operation, values, q.Count == 0 ? path : path + "?" + string.Join("&", q), b.ContentType, b.Bytes, anonymous == 0);
        });
    }

    private static Gen<string> QueryValue(ApiParameter parameter)
    {
        var type = parameter.Schema.ValueKind == System.Text.Json.JsonValueKind.Object && parameter.Schema.TryGetProperty("type", out var t) ? t.ToString() : "";
        var text = type.Contains("integer", StringComparison.Ordinal) || type.Contains("number", StringComparison.Ordinal)
            ? HostileValues.IntegerText
            : HostileValues.QueryText.Select(JsonText.EscapeSegment);
        return type == "array" ? text.Array[1, 3].Select(a => string.Join("&" + Uri.EscapeDataString(parameter.Name) + "=", a)) : text;
    }

    private static Gen<(string? ContentType, byte[]? Bytes)> Bodies(ApiOperation operation, SchemaBodies bodies)
    {
        var declared = operation.Body?.MediaTypes ?? [];
        var contentType = HostileValues.ContentType(declared);
        var json = declared.Count == 0 || declared.Any(m => m.Contains("json", StringComparison.Ordinal));
        var shaped = operation.Body?.Schema is { } schema && json
            ? bodies.For(schema).Select(Encoding.UTF8.GetBytes)
            : HostileValues.RawBody;
        var body = Gen.Frequency((8, shaped), (2, HostileValues.RawBody));
        var withBody = Gen.Select(contentType, body, (c, b) => (c, (byte[]?)b));
        if (operation.Body is not null)
        {
            return withBody;
        }

        // No body declared: mostly none (the writes without one are commands on the id), sometimes one anyway.
        return Gen.Frequency((7, Gen.Const<(string?, byte[]?)>((null, null))), (3, withBody));
    }
}
