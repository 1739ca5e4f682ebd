using EsgTrace.Factors;

namespace EsgTrace.Footprints;

/// <summary>Tonne-kilometres a lot travelled by one mode, summed over the shipments that carried it (each: its share of mass in t × km).</summary>
[GenerateSerializer, Immutable, Alias("esg.mode-tonne-km")]
public sealed record ModeTonneKm(TransportMode Mode, decimal TonneKm, int Shipments);
