using System.Globalization;
using System.Text.Json;

namespace EsgTrace.Pact;

/// <summary>
/// The v3 filter criteria of ListFootprints and of a RequestCreated event (the specification makes them the same set):
/// productId, companyId, geography, classification (each one or more values), validOn, validAfter, validBefore, status.
/// Within a criterion the values are OR-ed, across criteria AND-ed; ids, classifications and status match
/// case-insensitively. A footprint's validity period is its validityPeriodStart/End, else referencePeriodEnd to
/// referencePeriodEnd + 3 years (the specification's default). validOn: start ≤ t ≤ end; validAfter: start &gt; t;
/// validBefore: end &lt; t. A status other than Active/Deprecated matches nothing (not an error: conformance case 37).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.pact-criteria")]
public sealed record PactFootprintCriteria(
    IReadOnlyList<string> ProductIds,
    IReadOnlyList<string> CompanyIds,
    IReadOnlyList<string> Geography,
    IReadOnlyList<string> Classifications,
    DateTimeOffset? ValidOn,
    DateTimeOffset? ValidAfter,
    DateTimeOffset? ValidBefore,
    string? Status)
{
    public static readonly PactFootprintCriteria None = new([], [], [], [], null, null, null, null);

    private static readonly string[] ListNames = ["productId", "companyId", "geography", "classification"];
    private static readonly string[] TimeNames = ["validOn", "validAfter", "validBefore"];

    /// <summary>The query parameters ListFootprints reads besides the criteria (paging).</summary>
    public static readonly string[] PagingNames = ["limit", "after"];

    public bool IsEmpty => this == None || (ProductIds.Count == 0 && CompanyIds.Count == 0 && Geography.Count == 0 && Classifications.Count == 0 && ValidOn is null && ValidAfter is null && ValidBefore is null && Status is null);

    /// <summary>The criteria of a ListFootprints query, or why the query is refused (OData $filter, unknown parameters, bad dates).</summary>
    public static (PactFootprintCriteria? Criteria, string? Problem) FromQuery(IEnumerable<KeyValuePair<string, string?[]>> query)
    {
        var lists = ListNames.ToDictionary(n => n, _ => new List<string>(), StringComparer.OrdinalIgnoreCase);
        var times = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        string? status = null;
        foreach (var (name, values) in query)
        {
            if (name.StartsWith('$'))
            {
                return (null, $"'{name}': the OData filter syntax of v2 is deprecated in PACT v3; filter with productId, companyId, geography, classification, validOn, validAfter, validBefore and status.");
            }

            if (PagingNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (lists.TryGetValue(name, out var list))
            {
                foreach (var v in values)
                {
                    if (string.IsNullOrWhiteSpace(v))
                    {
                        return (null, $"'{name}' needs a value.");
                    }

                    list.Add(v);
                }
            }
            else if (TimeNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (values.Length != 1 || !TryTime(values[0], out var t))
                {
                    return (null, $"'{name}' must be one ISO 8601 date-time with an offset, e.g. 2025-04-01T00:00:00Z.");
                }

                times[name] = t;
            }
            else if (string.Equals(name, "status", StringComparison.OrdinalIgnoreCase))
            {
                if (values.Length != 1)
                {
                    return (null, "'status' takes one value: Active or Deprecated.");
                }

                status = values[0];
            }
            else
            {
                return (null, $"'{name}' is not a filter of ListFootprints (productId, companyId, geography, classification, validOn, validAfter, validBefore, status, limit).");
            }
        }

        return (new PactFootprintCriteria(lists["productId"], lists["companyId"], lists["geography"], lists["classification"],
            times.TryGetValue("validOn", out var on) ? on : null, times.TryGetValue("validAfter", out var after) ? after : null,
            times.TryGetValue("validBefore", out var before) ? before : null, status), null);
    }

    /// <summary>The criteria of a RequestCreated event's data (arrays of strings; a single string is read as a list of one), or what is wrong.</summary>
    public static (PactFootprintCriteria? Criteria, string? Problem) FromEventData(JsonElement data)
    {
        var pairs = new List<KeyValuePair<string, string?[]>>();
        foreach (var p in data.EnumerateObject())
        {
            if (p.Name == "comment")
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    return (null, "data.comment must be a string.");
                }

                continue;
            }

            if (ListNames.Contains(p.Name, StringComparer.Ordinal))
            {
                var values = p.Value.ValueKind switch
                {
                    JsonValueKind.String => [p.Value.GetString()],
                    JsonValueKind.Array when p.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => p.Value.EnumerateArray().Select(v => v.GetString()).ToArray(),
                    _ => null,
                };
                if (values is null || values.Length == 0)
                {
                    return (null, $"data.{p.Name} must be a non-empty array of strings.");
                }

                pairs.Add(new(p.Name, values));
            }
            else if (TimeNames.Contains(p.Name, StringComparer.Ordinal) || p.Name == "status")
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    return (null, $"data.{p.Name} must be a string.");
                }

                pairs.Add(new(p.Name, [p.Value.GetString()]));
            }
            else if (!p.Name.StartsWith("x-", StringComparison.Ordinal))
            {
                // The specification's criteria only (and implementor extensions x-…, which we do not offer and ignore).
                return (null, $"data.{p.Name} is not a request criterion (productId, companyId, geography, classification, validOn, validAfter, validBefore, status, comment).");
            }
        }

        var (criteria, problem) = FromQuery(pairs);
        return (criteria, problem is null ? null : "data." + problem.TrimStart('\''));
    }

    /// <summary>Whether a v3 ProductFootprint meets every criterion.</summary>
    public bool Matches(JsonElement pf)
    {
        var pcf = pf.TryGetProperty("pcf", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (!AnyOf(ProductIds, Strings(pf, "productIds")) || !AnyOf(CompanyIds, Strings(pf, "companyIds")) || !AnyOf(Classifications, Strings(pf, "productClassifications")))
        {
            return false;
        }

        if (Geography.Count > 0)
        {
            var places = new[] { Text(pcf, "geographyRegionOrSubregion"), Text(pcf, "geographyCountry"), Text(pcf, "geographyCountrySubdivision") }.OfType<string>().ToList();
            // A country also matches its subdivisions ("DE" matches "DE-BW"): the footprint lies within it.
            if (!Geography.Any(g => places.Any(place => string.Equals(place, g, StringComparison.OrdinalIgnoreCase)
                || (g.Length == 2 && place.Length > 3 && place[2] == '-' && place.StartsWith(g, StringComparison.OrdinalIgnoreCase)))))
            {
                return false;
            }
        }

        if (Status is not null && !string.Equals(Text(pf, "status"), Status, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ValidOn is null && ValidAfter is null && ValidBefore is null)
        {
            return true;
        }

        if (ValidityOf(pf) is not var (start, end))
        {
            return false;
        }

        return (ValidOn is not { } on || (start <= on && on <= end))
            && (ValidAfter is not { } after || start > after)
            && (ValidBefore is not { } before || end < before);
    }

    /// <summary>The validity period: validityPeriodStart/End as stated, else from referencePeriodEnd for 3 years.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? ValidityOf(JsonElement pf)
    {
        var pcf = pf.TryGetProperty("pcf", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        DateTimeOffset? referenceEnd = TryTime(Text(pcf, "referencePeriodEnd"), out var re) ? re : null;
        DateTimeOffset? start = TryTime(Text(pf, "validityPeriodStart"), out var s) ? s : referenceEnd;
        DateTimeOffset? end = TryTime(Text(pf, "validityPeriodEnd"), out var e) ? e : referenceEnd?.AddYears(3);
        return start is { } a && end is { } b ? (a, b) : null;
    }

    /// <summary>The criteria as query parameters, in a fixed order (for the Link rel="next" of a filtered list).</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQuery()
    {
        foreach (var v in ProductIds) yield return new("productId", v);
        foreach (var v in CompanyIds) yield return new("companyId", v);
        foreach (var v in Geography) yield return new("geography", v);
        foreach (var v in Classifications) yield return new("classification", v);
        if (ValidOn is { } on) yield return new("validOn", Utc(on));
        if (ValidAfter is { } after) yield return new("validAfter", Utc(after));
        if (ValidBefore is { } before) yield return new("validBefore", Utc(before));
        if (Status is not null) yield return new("status", Status);
    }

    public static bool TryTime(string? text, out DateTimeOffset value)
    {
        value = default;
        // A date-time (RFC 3339): a date, a 'T', a time and an offset or Z; a bare date is not one.
        return text is { Length: >= 20 } && text.Contains('T', StringComparison.Ordinal) && (text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static bool AnyOf(IReadOnlyList<string> wanted, IReadOnlyList<string> has)
        => wanted.Count == 0 || wanted.Any(w => has.Any(h => string.Equals(w, h, StringComparison.OrdinalIgnoreCase)));

    private static IReadOnlyList<string> Strings(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static string? Text(JsonElement e, string name)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
