using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A recorded action with who recorded it and when.</summary>
[GenerateSerializer, Immutable, Alias("esg.green-it-action-view")]
public sealed record GreenItActionView(string Id, GreenItAction Action, string RecordedBy, Instant RecordedAt, long Version);
