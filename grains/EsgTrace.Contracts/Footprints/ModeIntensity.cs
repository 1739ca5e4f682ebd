using EsgTrace.Factors;

namespace EsgTrace.Footprints;

/// <summary>
/// Tonne-km per kg of a lot by one mode: its own shipments' tonne-km ÷ its mass, plus what it inherits from the lots it was
/// made from (their tonne-km per kg, weighted by their mass).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.mode-intensity")]
public sealed record ModeIntensity(TransportMode Mode, decimal OwnTonneKmPerKg, decimal InheritedTonneKmPerKg, int OwnShipments)
{
    public decimal TonneKmPerKg => OwnTonneKmPerKg + InheritedTonneKmPerKg;
}
