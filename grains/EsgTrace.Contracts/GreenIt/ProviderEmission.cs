using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// One figure of a provider's own carbon report (AWS Customer Carbon Footprint export, Azure carbon optimization export,
/// Google Cloud Carbon Footprint export): a month, the account/subscription/project, service and region it covers, its
/// basis (location-based, market-based, or as reported when the provider does not say) in kg CO2e, and the provider's
/// model version. A separate series: shown beside our estimate, never added to it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.provider-emission")]
public sealed record ProviderEmission(string Provider, LocalDate Month, string Account, string Service, string Region, string Basis, decimal KgCo2e, string Model);

/// <summary>A provider's reported total and our estimate for the same provider and month, side by side (never summed).</summary>
[GenerateSerializer, Immutable, Alias("esg.provider-emission-comparison")]
public sealed record ProviderEmissionComparison(string Provider, string Month, IReadOnlyDictionary<string, decimal> ReportedKgCo2eByBasis, decimal EstimatedKgCo2e, string EstimateMethod, string ReportedSource);
