using System.Text.Json;
using CsCheck;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// JSON text generated from an OpenAPI schema: the right shape with plausible values, where any node may be swapped for a
/// hostile fragment (null, wrong type, extreme number, deep nesting, long or odd string), required members may be missing
/// and extra members appear. <paramref name="hostility"/> is the weight (out of 100) of a hostile node.
/// </summary>
public sealed class SchemaBodies(OpenApiDescription document, int hostility = 12)
{
    private const int MaxDepth = 6;

    private static readonly Gen<string> PlausibleString = Gen.OneOf(
        "fz-1", "sup-1", "lot-1", "prod-1", "kg", "t", "km", "g", "kWh", "DE", "FR", "road", "FSC", "GOTS", "grid.DE", "starter",
        "2025-01-01", "2025-12-31", "2025-01-01T00:00:00Z", "2025-01-01T08:00:00+02:00", "aws", "eu-central-1", "Fuzz", "supply-chain", "1 piece",
        "fz-tee", "fz-F", "fz-C", "fz-farm", "fz-mill", "fz-api", "organic cotton fibre", "footprint-at-most", "rightsizing");

    /// <summary>Values for schemas the document leaves empty (NodaTime types, JsonElement): times first, then anything.</summary>
    private static readonly Gen<string> AnyValue = Gen.Frequency(
        (4, Gen.OneOf("\"2025-01-01\"", "\"2025-01-01T00:00:00Z\"", "\"2025-06-01T08:30:00+02:00\"", "\"2025-06-01T08:30:00.123456789Z\"")),
        (2, Gen.OneOf("\"2025-02-29\"", "\"2024-02-29T24:00:00Z\"", "\"2025-06-01T08:30:00+25:00\"", "\"-9999-01-01T00:00:00Z\"",
            "\"+275760-09-13T00:00:00Z\"", "\"2025-06-01 08:30\"", "1735689600", "{\"seconds\":1}")),
        (1, HostileValues.JsonFragment));

    /// <summary>Bodies for the schema: three in four at the set hostility, one in four nearly clean (2 in 100 nodes hostile), so validation past the first bad member runs too.</summary>
    public Gen<string> For(JsonElement schema)
        => hostility <= 2 ? For(schema, 0, hostility) : Gen.Frequency((3, For(schema, 0, hostility)), (1, For(schema, 0, 2)));

    private Gen<string> For(JsonElement schema, int depth, int odds)
    {
        var shaped = Shaped(document.Resolve(schema), depth, odds);
        return odds == 0 ? shaped : Gen.Frequency((100 - odds, shaped), (odds, HostileValues.JsonFragment));
    }

    private Gen<string> Shaped(JsonElement schema, int depth, int odds)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return AnyValue;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            var texts = values.EnumerateArray().Select(v => v.GetRawText()).ToArray();
            return texts.Length == 0 ? AnyValue : Gen.Frequency((9, Gen.OneOf(texts)), (1, Gen.OneOf("\"ROAD\"", "\"Road \"", "\"\"", "7", "\"road,sea\"")));
        }

        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var choices))
            {
                var options = choices.EnumerateArray().Select(c => For(c, depth, odds)).ToArray();
                return options.Length == 0 ? AnyValue : Gen.OneOf(options);
            }
        }

        var types = Types(schema);
        if (types.Count == 0)
        {
            return schema.TryGetProperty("properties", out _) ? Object(schema, depth, odds) : AnyValue;
        }

        return Gen.OneOf(types.Select(t => t switch
        {
            "null" => Gen.Const("null"),
            "boolean" => Gen.OneOf("true", "false"),
            "integer" => HostileValues.JsonInteger,
            "number" => HostileValues.JsonNumber,
            // A number the document also allows as a string (ASP.NET Core's pattern for numbers read from strings).
            "string" when types.Contains("number") || types.Contains("integer") => HostileValues.JsonNumber.Select(n => "\"" + n + "\""),
            "string" => Gen.Frequency((5, PlausibleString), (2, Gen.OneOf(HostileValues.Strings))).Select(JsonText.Quote),
            "array" => Array(schema, depth, odds),
            "object" => Object(schema, depth, odds),
            _ => AnyValue,
        }).ToArray());
    }

    private Gen<string> Array(JsonElement schema, int depth, int odds)
    {
        if (depth >= MaxDepth)
        {
            return Gen.Const("[]");
        }

        var item = schema.TryGetProperty("items", out var items) ? For(items, depth + 1, odds) : AnyValue;
        return Gen.Frequency((9, item.Array[0, 3]), (1, item.Array[40, 300])).Select(a => "[" + string.Join(",", a) + "]");
    }

    private Gen<string> Object(JsonElement schema, int depth, int odds)
    {
        if (depth >= MaxDepth)
        {
            return Gen.Const("{}");
        }

        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
        var members = new List<Gen<string?>>();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                var present = required.Contains(property.Name) ? 92 : 60;
                var name = JsonText.Quote(property.Name);
                var value = For(property.Value, depth + 1, odds);
                members.Add(Gen.Frequency((present, value.Select(v => (string?)(name + ":" + v))), (100 - present, Gen.Const((string?)null))));
            }
        }

        // An extra member the schema does not name, now and then under a name it does, with another case.
        members.Add(Gen.Frequency(
            (85, Gen.Const((string?)null)),
            (15, Gen.Select(Gen.OneOf("\"extra\"", "\"$type\"", "\"__proto__\"", "\"ID\"", "\"\"", "\"id\""), AnyValue, (n, v) => (string?)(n + ":" + v)))));
        var all = members.Aggregate(Gen.Const(new List<string>()), (acc, member) => acc.SelectMany(list => member.Select(m =>
        {
            var next = new List<string>(list);
            if (m is not null)
            {
                next.Add(m);
            }

            return next;
        })));
        return all.Select(list => "{" + string.Join(",", list) + "}");
    }

    private static List<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
    }
}
