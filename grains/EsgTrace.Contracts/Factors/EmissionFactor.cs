using EsgTrace.Units;

namespace EsgTrace.Factors;

/// <summary>
/// kg CO2e per one <see cref="PerUnit"/> of activity (per kg of material, per kWh, per t·km), with where the figure comes from.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.emission-factor")]
public sealed record EmissionFactor(
    string Id,
    string Name,
    decimal KgCo2ePerUnit,
    Unit PerUnit,
    FactorSourceKind Kind,
    string Source,
    string Licence,
    string? Note = null)
{
    /// <summary>Emissions in kg CO2e for an activity amount, converted to the factor's unit first.</summary>
    /// <exception cref="UnitMismatchException">The activity is not measured in the factor's dimension.</exception>
    public decimal KgCo2eFor(Quantity activity) => activity.To(PerUnit).Value * KgCo2ePerUnit;
}
