namespace EsgTrace.Epcis;

/// <summary>What a capture stored: counts, the ids of new events and of events declared erroneous, and refusals.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-store-result")]
public sealed record EpcisStoreResult(int Stored, int Duplicates, IReadOnlyList<string> StoredEventIds, IReadOnlyList<string> DeclaredEventIds, IReadOnlyList<EpcisProblem> Problems);
