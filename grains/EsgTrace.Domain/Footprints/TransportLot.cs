namespace EsgTrace.Footprints;

/// <summary>A lot as transport allocation sees it: its mass, the tonne-km its own shipments carried it, and the lots it was made from.</summary>
[GenerateSerializer, Immutable, Alias("esg.transport-lot")]
public sealed record TransportLot(string Id, decimal MassKg, IReadOnlyList<ModeTonneKm> Own, IReadOnlyList<string> InputLotIds);
