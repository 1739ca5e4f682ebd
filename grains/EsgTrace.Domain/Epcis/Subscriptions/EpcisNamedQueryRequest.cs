using System.Text.Json;

namespace EsgTrace.Epcis;

/// <summary>
/// Reads the body of <c>POST /queries</c> (REST binding QueryDefinition: <c>{"name": …, "query": {parameter: value}}</c>).
/// A value is a list of strings, a string, a number or a boolean, as in GS1's query schema. The parameters are checked by
/// parsing them now (an invalid query is refused, nothing stored), and kept as sent.
/// </summary>
public static class EpcisNamedQueryRequest
{
    public const int MaxNameLength = 100;
    public const int MaxParameters = 100;

    /// <summary>Names are path segments: 1-100 letters, digits and <c>- _ . ~</c>.</summary>
    public static bool IsValidName(string name)
        => name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') && name is not ("." or "..");

    public static (string? Name, IReadOnlyList<EpcisQueryParameter>? Parameters, EpcisProblem? Problem) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail("The body is a QueryDefinition: a JSON object with 'name' and 'query'.", null);
        }

        foreach (var member in body.EnumerateObject())
        {
            if (member.Name is not ("name" or "query"))
            {
                return Fail($"'{member.Name}' is not a member of a QueryDefinition (name, query).", "/" + member.Name);
            }
        }

        if (!body.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || !IsValidName(nameElement.GetString()!))
        {
            return Fail($"'name' is required: 1-{MaxNameLength} letters, digits and - _ . ~ (it becomes part of the URL).", "/name");
        }

        if (!body.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.Object)
        {
            return Fail("'query' is required: an object of EPCIS query parameters, e.g. {\"eventType\": [\"ObjectEvent\"]}.", "/query");
        }

        var parameters = new List<EpcisQueryParameter>();
        foreach (var p in query.EnumerateObject())
        {
            if (parameters.Count == MaxParameters)
            {
                return Fail($"A named query has at most {MaxParameters} parameters.", "/query");
            }

            if (p.Name is "nextPageToken" or "perPage")
            {
                return Fail($"'{p.Name}' pages an answer; it is given when the query runs (GET /queries/{{name}}/events), not stored in it.", "/query/" + p.Name);
            }

            var values = new List<string>();
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var item in p.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String)
                        {
                            return Fail($"'{p.Name}': a list holds strings only.", "/query/" + p.Name);
                        }

                        values.Add(item.GetString()!);
                    }

                    if (values.Count == 0)
                    {
                        return Fail($"'{p.Name}' is an empty list; give one or more values, or leave the parameter out.", "/query/" + p.Name);
                    }

                    break;
                case JsonValueKind.String:
                    values.Add(p.Value.GetString()!);
                    break;
                case JsonValueKind.Number:
                    values.Add(p.Value.GetRawText());
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    values.Add(p.Value.ValueKind == JsonValueKind.True ? "true" : "false");
                    break;
                default:
                    return Fail($"'{p.Name}' must be a list of strings, a string, a number or a boolean.", "/query/" + p.Name);
            }

            parameters.Add(new EpcisQueryParameter(p.Name, values));
        }

        var (_, problem) = EpcisQueryParser.Parse(parameters.Select(p => KeyValuePair.Create(p.Name, p.Values.Select(v => (string?)v).ToArray())));
        return problem is not null ? (null, null, problem) : (nameElement.GetString(), parameters, null);

        static (string?, IReadOnlyList<EpcisQueryParameter>?, EpcisProblem?) Fail(string detail, string? pointer) => (null, null, EpcisSubscriptionProblems.Query(detail, pointer));
    }
}
