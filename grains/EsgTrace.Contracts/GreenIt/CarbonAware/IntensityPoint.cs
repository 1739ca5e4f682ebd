using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// The grid intensity of one location over [<see cref="Start"/>, <see cref="End"/>) (end exclusive), in kg CO2e/kWh,
/// location-based, measured or forecast. <see cref="Location"/> is "provider:REGION" as
/// <see cref="HourlyIntensityDataset.RegionKey"/> writes it (e.g. "aws:EU_CENTRAL_1").
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.intensity-point")]
public sealed record IntensityPoint(string Location, Instant Start, Instant End, decimal KgCo2ePerKwh, IntensityKind Kind)
{
    public Duration Length => End - Start;
}
