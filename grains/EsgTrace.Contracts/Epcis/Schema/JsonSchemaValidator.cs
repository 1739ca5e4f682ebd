using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EsgTrace.Epcis.Schema;

/// <summary>
/// A JSON Schema (draft-07) validator over System.Text.Json for the keywords the GS1 EPCIS schema uses: type, enum, const,
/// properties, required, additionalProperties, propertyNames, items, minItems, maxItems, uniqueItems, pattern, minLength,
/// maxLength, minimum, maximum, format (uri, date-time), allOf, anyOf, oneOf, not, if/then/else and local $ref.
/// The schema is compiled once; validation reports each failure with the JSON pointer of the offending value.
/// </summary>
public sealed class JsonSchemaValidator
{
    private readonly SchemaNode _root;

    private JsonSchemaValidator(SchemaNode root) => _root = root;

    /// <summary>Compiles a schema document (its local "#/..." references resolved lazily).</summary>
    public static JsonSchemaValidator Load(JsonElement schema)
    {
        var compiler = new SchemaCompiler(schema.Clone());
        return new JsonSchemaValidator(compiler.Compile(compiler.Root));
    }

    /// <summary>True when the instance is valid.</summary>
    public bool IsValid(JsonElement instance) => _root.Check(instance, null, null);

    /// <summary>The failures (at most <paramref name="maxErrors"/>), empty when the instance is valid.</summary>
    public IReadOnlyList<SchemaError> Validate(JsonElement instance, int maxErrors = 50)
    {
        if (_root.Check(instance, null, null))
        {
            return [];
        }

        var errors = new List<SchemaError>();
        _root.Check(instance, new Pointer(null, null), errors);
        return errors.Count == 0 ? [new SchemaError("", "The document does not match the schema.")] : errors.Take(maxErrors).ToList();
    }
}

/// <summary>One schema failure: where (a JSON pointer into the document) and what.</summary>
[GenerateSerializer, Immutable, Alias("esg.schema-error")]
public sealed record SchemaError(string Pointer, string Message);

/// <summary>A JSON pointer built lazily (only when an error is reported).</summary>
internal sealed class Pointer(Pointer? parent, string? segment)
{
    public Pointer Child(string name) => new(this, name);

    public Pointer Child(int index) => new(this, index.ToString(CultureInfo.InvariantCulture));

    public override string ToString()
        => parent is null ? string.Empty : parent + "/" + segment!.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

internal sealed class SchemaCompiler(JsonElement root)
{
    private readonly Dictionary<string, SchemaNode> _byRef = new(StringComparer.Ordinal);

    public JsonElement Root => root;

    public SchemaNode Compile(JsonElement schema)
    {
        var node = new SchemaNode();
        if (schema.ValueKind == JsonValueKind.False)
        {
            node.Never = true;
            return node;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return node;
        }

        foreach (var p in schema.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "$ref": node.Ref = Resolve(v.GetString()!); break;
                case "type": node.Types = v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(t => t.GetString()!).ToArray() : [v.GetString()!]; break;
                case "enum": node.Enum = v.EnumerateArray().Select(e => e.Clone()).ToArray(); break;
                case "const": node.Enum = [v.Clone()]; break;
                case "properties": node.Properties = v.EnumerateObject().ToDictionary(x => x.Name, x => Compile(x.Value), StringComparer.Ordinal); break;
                case "required": node.Required = v.EnumerateArray().Select(x => x.GetString()!).ToArray(); break;
                case "additionalProperties": node.AdditionalProperties = Compile(v); break;
                case "propertyNames": node.PropertyNames = Compile(v); break;
                case "items": node.Items = v.ValueKind == JsonValueKind.Array ? null : Compile(v); break;
                case "minItems": node.MinItems = v.GetInt32(); break;
                case "maxItems": node.MaxItems = v.GetInt32(); break;
                case "uniqueItems": node.UniqueItems = v.GetBoolean(); break;
                case "pattern": node.Pattern = new Regex(v.GetString()!, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1)); break;
                case "minLength": node.MinLength = v.GetInt32(); break;
                case "maxLength": node.MaxLength = v.GetInt32(); break;
                case "minimum": node.Minimum = v.GetDecimal(); break;
                case "maximum": node.Maximum = v.GetDecimal(); break;
                case "format": node.Format = v.GetString(); break;
                case "allOf": node.AllOf = v.EnumerateArray().Select(Compile).ToArray(); break;
                case "anyOf": node.AnyOf = v.EnumerateArray().Select(Compile).ToArray(); break;
                case "oneOf": node.OneOf = v.EnumerateArray().Select(Compile).ToArray(); break;
                case "not": node.Not = Compile(v); break;
                case "if": node.If = Compile(v); break;
                case "then": node.Then = Compile(v); break;
                case "else": node.Else = Compile(v); break;
            }
        }

        return node;
    }

    private Lazy<SchemaNode> Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"Only local references are supported, not '{reference}'.");
        }

        return new Lazy<SchemaNode>(() =>
        {
            if (_byRef.TryGetValue(reference, out var known))
            {
                return known;
            }

            var target = root;
            foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                target = target.GetProperty(segment);
            }

            var node = Compile(target);
            _byRef[reference] = node;
            return node;
        });
    }
}

internal sealed class SchemaNode
{
    private static readonly Regex AbsoluteUri = new(@"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]*$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    private static readonly Regex DateTime = new(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+\-]\d{2}:\d{2})$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public bool Never { get; set; }
    public Lazy<SchemaNode>? Ref { get; set; }
    public string[]? Types { get; set; }
    public JsonElement[]? Enum { get; set; }
    public Dictionary<string, SchemaNode>? Properties { get; set; }
    public string[]? Required { get; set; }
    public SchemaNode? AdditionalProperties { get; set; }
    public SchemaNode? PropertyNames { get; set; }
    public SchemaNode? Items { get; set; }
    public int? MinItems { get; set; }
    public int? MaxItems { get; set; }
    public bool UniqueItems { get; set; }
    public Regex? Pattern { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public string? Format { get; set; }
    public SchemaNode[]? AllOf { get; set; }
    public SchemaNode[]? AnyOf { get; set; }
    public SchemaNode[]? OneOf { get; set; }
    public SchemaNode? Not { get; set; }
    public SchemaNode? If { get; set; }
    public SchemaNode? Then { get; set; }
    public SchemaNode? Else { get; set; }

    /// <summary>Validates; with <paramref name="errors"/> null it stops at the first failure (fast path), else it reports them.</summary>
    public bool Check(JsonElement value, Pointer? at, List<SchemaError>? errors)
    {
        var ok = true;
        bool Fail(string message)
        {
            errors?.Add(new SchemaError(at!.ToString(), message));
            ok = false;
            return errors is not null;
        }

        if (Never && !Fail("No value is allowed here."))
        {
            return false;
        }

        if (Ref is not null && !Ref.Value.Check(value, at, errors))
        {
            ok = false;
            if (errors is null)
            {
                return false;
            }
        }

        if (Types is not null && !Types.Any(t => IsType(value, t)) && !Fail($"Expected {string.Join(" or ", Types)}, found {Describe(value)}."))
        {
            return false;
        }

        if (Enum is not null && !Enum.Any(e => SameValue(e, value)) && !Fail($"'{Short(value)}' is not one of the allowed values ({string.Join(", ", Enum.Take(12).Select(Short))}{(Enum.Length > 12 ? ", …" : string.Empty)})."))
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object when !CheckObject(value, at, errors, ref ok) && errors is null:
                return false;
            case JsonValueKind.Array when !CheckArray(value, at, errors, ref ok) && errors is null:
                return false;
            case JsonValueKind.String when !CheckString(value.GetString()!, Fail) && errors is null:
                return false;
            case JsonValueKind.Number when !CheckNumber(value, Fail) && errors is null:
                return false;
        }

        if (AllOf is not null)
        {
            foreach (var s in AllOf)
            {
                if (!s.Check(value, at, errors))
                {
                    ok = false;
                    if (errors is null)
                    {
                        return false;
                    }
                }
            }
        }

        if (AnyOf is not null && !AnyOf.Any(s => s.Check(value, null, null)))
        {
            ok = false;
            if (errors is null)
            {
                return false;
            }

            ReportClosest(AnyOf, value, at!, errors);
        }

        if (OneOf is not null)
        {
            var matches = OneOf.Count(s => s.Check(value, null, null));
            if (matches != 1)
            {
                ok = false;
                if (errors is null)
                {
                    return false;
                }

                if (matches == 0)
                {
                    ReportClosest(OneOf, value, at!, errors);
                }
                else
                {
                    errors.Add(new SchemaError(at!.ToString(), $"Matches {matches} of the alternatives; exactly one is allowed."));
                }
            }
        }

        if (Not is not null && Not.Check(value, null, null) && !Fail("Matches a form that is not allowed here."))
        {
            return false;
        }

        if (If is not null)
        {
            var branch = If.Check(value, null, null) ? Then : Else;
            if (branch is not null && !branch.Check(value, at, errors))
            {
                ok = false;
                if (errors is null)
                {
                    return false;
                }
            }
        }

        return ok;
    }

    private bool CheckObject(JsonElement value, Pointer? at, List<SchemaError>? errors, ref bool ok)
    {
        if (Required is not null)
        {
            foreach (var name in Required)
            {
                if (!value.TryGetProperty(name, out _))
                {
                    ok = false;
                    if (errors is null)
                    {
                        return false;
                    }

                    errors.Add(new SchemaError(at!.ToString(), $"The field '{name}' is required."));
                }
            }
        }

        if (Properties is null && AdditionalProperties is null && PropertyNames is null)
        {
            return ok;
        }

        foreach (var p in value.EnumerateObject())
        {
            if (PropertyNames is not null && !PropertyNames.Check(JsonDocumentCache.String(p.Name), null, null))
            {
                ok = false;
                if (errors is null)
                {
                    return false;
                }

                errors.Add(new SchemaError(at!.Child(p.Name).ToString(), $"The field name '{p.Name}' is not allowed here (a standard field, or an extension named with a declared namespace prefix)."));
            }

            var schema = Properties is not null && Properties.TryGetValue(p.Name, out var s) ? s : AdditionalProperties;
            if (schema is not null && !schema.Check(p.Value, at?.Child(p.Name), errors))
            {
                ok = false;
                if (errors is null)
                {
                    return false;
                }
            }
        }

        return ok;
    }

    private bool CheckArray(JsonElement value, Pointer? at, List<SchemaError>? errors, ref bool ok)
    {
        var count = value.GetArrayLength();
        if (MinItems is { } min && count < min)
        {
            ok = false;
            if (errors is null)
            {
                return false;
            }

            errors.Add(new SchemaError(at!.ToString(), $"At least {min} item(s) are required."));
        }

        if (MaxItems is { } max && count > max)
        {
            ok = false;
            if (errors is null)
            {
                return false;
            }

            errors.Add(new SchemaError(at!.ToString(), $"At most {max} item(s) are allowed."));
        }

        if (UniqueItems && count > 1)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in value.EnumerateArray())
            {
                if (!seen.Add(item.GetRawText()))
                {
                    ok = false;
                    if (errors is null)
                    {
                        return false;
                    }

                    errors.Add(new SchemaError(at!.ToString(), $"Items must be unique; '{Short(item)}' appears twice."));
                    break;
                }
            }
        }

        if (Items is not null)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (!Items.Check(item, at?.Child(i), errors))
                {
                    ok = false;
                    if (errors is null)
                    {
                        return false;
                    }
                }

                i++;
            }
        }

        return ok;
    }

    private bool CheckNumber(JsonElement value, Func<string, bool> fail)
    {
        if (Minimum is null && Maximum is null)
        {
            return true;
        }

        if (!value.TryGetDecimal(out var d))
        {
            return fail("The number is out of range.");
        }

        return (Minimum is not { } min || d >= min || fail($"Must be at least {min}.")) && (Maximum is not { } max || d <= max || fail($"Must be at most {max}."));
    }

    private bool CheckString(string s, Func<string, bool> fail)
    {
        if (MinLength is { } min && s.Length < min && !fail($"Must have at least {min} character(s)."))
        {
            return false;
        }

        if (MaxLength is { } max && s.Length > max && !fail($"Must have at most {max} character(s)."))
        {
            return false;
        }

        if (Pattern is not null && !Pattern.IsMatch(s) && !fail($"'{Truncate(s)}' does not have the required form."))
        {
            return false;
        }

        return Format switch
        {
            "uri" when !AbsoluteUri.IsMatch(s) => fail($"'{Truncate(s)}' is not an absolute URI."),
            "date-time" when !DateTime.IsMatch(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => fail($"'{Truncate(s)}' is not an RFC 3339 date-time."),
            _ => true,
        };
    }

    private static void ReportClosest(SchemaNode[] alternatives, JsonElement value, Pointer at, List<SchemaError> errors)
    {
        // Report the alternative that came closest (fewest failures): usually the form the sender meant.
        List<SchemaError>? best = null;
        foreach (var s in alternatives)
        {
            var e = new List<SchemaError>();
            s.Check(value, at, e);
            if (best is null || e.Count < best.Count)
            {
                best = e;
            }
        }

        errors.AddRange(best is { Count: > 0 } ? best : [new SchemaError(at.ToString(), "Matches none of the allowed forms.")]);
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && (!value.TryGetDecimal(out var d) || d == decimal.Truncate(d)),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static bool SameValue(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        return a.ValueKind switch
        {
            JsonValueKind.String => a.ValueEquals(b.GetString()),
            JsonValueKind.Number => a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetRawText() == b.GetRawText(),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => true,
            _ => a.GetRawText() == b.GetRawText(),
        };
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Short(JsonElement value) => Truncate(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..77] + "...";
}

/// <summary>Property names validated as string instances (propertyNames): one small JSON string element per name, cached.</summary>
internal static class JsonDocumentCache
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement> Names = new(StringComparer.Ordinal);

    public static JsonElement String(string name)
    {
        if (Names.TryGetValue(name, out var e))
        {
            return e;
        }

        var element = JsonSerializer.SerializeToElement(name);
        if (Names.Count < 10_000)
        {
            Names[name] = element;
        }

        return element;
    }
}
