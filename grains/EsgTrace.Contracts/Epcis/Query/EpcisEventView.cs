using System.Text.Json;
using EsgTrace.Epcis.Hashing;
using NodaTime;

namespace EsgTrace.Epcis.Query;

/// <summary>A stored event as a query criterion sees it: its JSON, its record time and the JSON-LD names in force (its document's prefixes and its own @context).</summary>
public sealed class EpcisEventView(JsonElement json, Instant recordTime, IReadOnlyDictionary<string, string> context)
{
    private JsonLdScope? _scope;

    public JsonElement Json { get; } = json;

    public Instant RecordTime { get; } = recordTime;

    /// <summary>The names in force at the event: the standard prefixes, its document's, then its own @context's.</summary>
    public JsonLdScope Scope => _scope ??= JsonLdScope.With(context).Enter(Json);

    public Instant EventTime => EpcisQuery.EventTimeOf(Json);
}
