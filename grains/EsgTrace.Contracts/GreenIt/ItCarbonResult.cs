namespace EsgTrace.GreenIt;

/// <summary>Energy (kWh) by component (GPU energy is part of <see cref="TotalKwh"/>), location-based operational and embodied emissions (kg CO2e), each term with its arithmetic.</summary>
[GenerateSerializer, Immutable, Alias("esg.it-carbon-result")]
public sealed record ItCarbonResult(
    decimal ComputeKwh,
    decimal MemoryKwh,
    decimal StorageKwh,
    decimal NetworkKwh,
    decimal TotalKwh,
    decimal GridKgCo2ePerKwh,
    decimal OperationalKgCo2e,
    decimal EmbodiedKgCo2e,
    IReadOnlyList<string> Formulas,
    string Method,
    decimal GpuKwh = 0)
{
    public decimal TotalKgCo2e => OperationalKgCo2e + EmbodiedKgCo2e;
}
