namespace EsgTrace.Footprints;

/// <summary>A lot's transport intensity: tonne-km per kg of the lot by mode, and how many input lots it inherits from.</summary>
[GenerateSerializer, Immutable, Alias("esg.transport-intensity")]
public sealed record TransportIntensity(string LotId, IReadOnlyList<ModeIntensity> Modes, int InputLots)
{
    public static TransportIntensity None(string lotId) => new(lotId, [], 0);
}
